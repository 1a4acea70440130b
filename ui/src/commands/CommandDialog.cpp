#include "CommandDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace pxp::ui {

CommandDialog::CommandDialog(Spec spec, QWidget *parent) : QDialog(parent), m_spec(std::move(spec)) {
  setObjectName(QStringLiteral("commandDialog"));
  setWindowTitle(m_spec.title);
  setMinimumWidth(520);
  auto *v = new QVBoxLayout(this);
  m_sentence = new QLabel(this);
  m_sentence->setObjectName(QStringLiteral("commandSentence"));
  m_sentence->setWordWrap(true);
  m_sentence->setTextFormat(Qt::PlainText);
  QFont bold = m_sentence->font();
  bold.setBold(true);
  m_sentence->setFont(bold);
  v->addWidget(m_sentence);

  auto *form = new QFormLayout;
  if (m_spec.askDuration) {
    m_duration = new QComboBox(this);
    m_duration->setObjectName(QStringLiteral("durationChoice"));
    m_duration->addItem(tr("15 minutes"), kDurationChoicesSeconds[0]);
    m_duration->addItem(tr("1 hour"), kDurationChoicesSeconds[1]);
    m_duration->addItem(tr("4 hours"), kDurationChoicesSeconds[2]);
    m_duration->addItem(tr("Custom…"), qint64(0));
    m_duration->setCurrentIndex(1);
    m_customMinutes = new QSpinBox(this);
    m_customMinutes->setObjectName(QStringLiteral("customMinutes"));
    m_customMinutes->setRange(1, kMaxCustomMinutes);
    m_customMinutes->setValue(30);
    m_customMinutes->setSuffix(tr(" min"));
    m_customMinutes->setVisible(false);
    auto *row = new QHBoxLayout;
    row->addWidget(m_duration, 1);
    row->addWidget(m_customMinutes);
    form->addRow(tr("Pause &for:"), row);
    connect(m_duration, &QComboBox::currentIndexChanged, this, [this] {
      m_customMinutes->setVisible(m_duration->currentData().toLongLong() == 0);
      update();
    });
    connect(m_customMinutes, &QSpinBox::valueChanged, this, &CommandDialog::update);
  }
  if (m_spec.askRollout) {
    m_rollout = new QSpinBox(this);
    m_rollout->setObjectName(QStringLiteral("rolloutPercent"));
    m_rollout->setRange(0, 100);
    m_rollout->setSuffix(tr(" %"));
    m_rollout->setValue(m_spec.request.rolloutPercent >= 0 ? m_spec.request.rolloutPercent : 100);
    form->addRow(tr("R&ollout:"), m_rollout);
    connect(m_rollout, &QSpinBox::valueChanged, this, &CommandDialog::update);
  }
  m_reason = new QLineEdit(this);
  m_reason->setObjectName(QStringLiteral("reasonEdit"));
  m_reason->setPlaceholderText(tr("Why? Kept in the audit log and the incident timeline"));
  m_reason->setMaxLength(500);
  form->addRow(tr("&Reason:"), m_reason);
  connect(m_reason, &QLineEdit::textChanged, this, &CommandDialog::update);
  if (isDangerous()) {
    m_confirm = new QLineEdit(this);
    m_confirm->setObjectName(QStringLiteral("confirmEdit"));
    m_confirm->setPlaceholderText(m_spec.confirmName);
    form->addRow(tr("&Type \"%1\" to confirm:").arg(m_spec.confirmName), m_confirm);
    connect(m_confirm, &QLineEdit::textChanged, this, &CommandDialog::update);
  }
  v->addLayout(form);
  m_problem = new QLabel(this);
  m_problem->setObjectName(QStringLiteral("commandProblem"));
  m_problem->setWordWrap(true);
  v->addWidget(m_problem);

  auto *buttons = new QDialogButtonBox(this);
  m_ok = buttons->addButton(m_spec.okText.isEmpty() ? tr("OK") : m_spec.okText, QDialogButtonBox::AcceptRole);
  m_ok->setObjectName(QStringLiteral("commandOk"));
  m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
  m_cancel->setObjectName(QStringLiteral("commandCancel"));
  // Enter confirms an ordinary command; a dangerous one only by clicking (or Tab to) OK.
  (isDangerous() ? m_cancel : m_ok)->setDefault(true);
  (isDangerous() ? m_ok : m_cancel)->setAutoDefault(false);
  connect(buttons, &QDialogButtonBox::accepted, this, [this] {
    if (problem().isEmpty())
      accept();
  });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  v->addWidget(buttons);
  m_reason->setFocus();
  update();
}

client::CommandRequestValue CommandDialog::request() const {
  client::CommandRequestValue r = m_spec.request;
  r.reason = m_reason->text().trimmed();
  if (m_duration) {
    const qint64 chosen = m_duration->currentData().toLongLong();
    r.durationSeconds = chosen > 0 ? chosen : qint64(m_customMinutes->value()) * 60;
  }
  if (m_rollout)
    r.rolloutPercent = m_rollout->value();
  return r;
}

QString CommandDialog::sentence() const {
  return m_spec.sentence ? m_spec.sentence(request()) : m_spec.request.describe();
}

QString CommandDialog::problem() const {
  if (m_reason->text().trimmed().isEmpty())
    return tr("Give a reason: it is required and kept in the audit log.");
  if (m_confirm && m_confirm->text() != m_spec.confirmName)
    return tr("Type \"%1\" exactly to confirm.").arg(m_spec.confirmName);
  return {};
}

void CommandDialog::update() {
  m_sentence->setText(sentence());
  const QString why = problem();
  m_ok->setEnabled(why.isEmpty());
  m_ok->setToolTip(why);
  m_problem->setText(why);
}

} // namespace pxp::ui
