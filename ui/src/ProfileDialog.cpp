#include "ProfileDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>

namespace pxp::ui {

ProfileDialog::ProfileDialog(models::ConnectionProfiles *profiles, QWidget *parent)
    : QDialog(parent), m_profiles(profiles) {
  setObjectName(QStringLiteral("profileDialog"));
  setWindowTitle(tr("Connection profiles"));
  resize(720, 420);
  auto *h = new QHBoxLayout(this);
  m_list = new QListWidget(this);
  m_list->setObjectName(QStringLiteral("profileList"));
  h->addWidget(m_list, 1);
  auto *right = new QVBoxLayout;
  auto *form = new QFormLayout;
  m_name = new QLineEdit(this);
  m_address = new QLineEdit(this);
  m_address->setPlaceholderText(QStringLiteral("pxpd.example.com:7300"));
  m_tls = new QCheckBox(tr("Use TLS"), this);
  m_caFile = new QLineEdit(this);
  m_caFile->setPlaceholderText(tr("PEM CA bundle (empty = system roots)"));
  m_tokenSource = new QComboBox(this);
  m_tokenSource->addItems({tr("No token"), tr("Token file"), tr("System keyring")});
  m_tokenFile = new QLineEdit(this);
  auto *browse = new QPushButton(tr("Browse…"), this);
  auto *tokenRow = new QHBoxLayout;
  tokenRow->addWidget(m_tokenFile, 1);
  tokenRow->addWidget(browse);
  m_keyringToken = new QLineEdit(this);
  m_keyringToken->setEchoMode(QLineEdit::Password);
  m_keyringToken->setPlaceholderText(tr("paste to store in the keyring (not kept in settings)"));
  m_prometheus = new QLineEdit(this);
  m_prometheus->setPlaceholderText(QStringLiteral("http://prometheus:9090"));
  form->addRow(tr("Name"), m_name);
  form->addRow(tr("pxpd address"), m_address);
  form->addRow(QString(), m_tls);
  form->addRow(tr("CA file"), m_caFile);
  form->addRow(tr("Token from"), m_tokenSource);
  form->addRow(tr("Token file"), tokenRow);
  form->addRow(tr("Keyring token"), m_keyringToken);
  form->addRow(tr("Prometheus URL"), m_prometheus);
  right->addLayout(form);
  m_error = new QLabel(this);
  m_error->setObjectName(QStringLiteral("profileError"));
  m_error->setWordWrap(true);
  right->addWidget(m_error);
  right->addStretch(1);
  auto *buttons = new QDialogButtonBox(this);
  auto *save = buttons->addButton(tr("Save"), QDialogButtonBox::ApplyRole);
  auto *remove = buttons->addButton(tr("Delete"), QDialogButtonBox::DestructiveRole);
  auto *connectButton = buttons->addButton(tr("Connect"), QDialogButtonBox::AcceptRole);
  buttons->addButton(QDialogButtonBox::Close);
  right->addWidget(buttons);
  h->addLayout(right, 2);

  connect(browse, &QPushButton::clicked, this, [this] {
    const QString f = QFileDialog::getOpenFileName(this, tr("Token file"));
    if (!f.isEmpty())
      m_tokenFile->setText(f);
  });
  connect(m_list, &QListWidget::currentTextChanged, this, &ProfileDialog::showProfile);
  connect(save, &QPushButton::clicked, this, &ProfileDialog::saveForm);
  connect(remove, &QPushButton::clicked, this, [this] {
    m_profiles->remove(m_name->text());
    reload();
  });
  connect(connectButton, &QPushButton::clicked, this, [this] {
    const QString name = m_list->currentItem() ? m_list->currentItem()->text() : QString();
    if (name.isEmpty())
      return;
    m_chosen = name;
    accept();
  });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  reload(m_profiles->lastUsed());
}

void ProfileDialog::reload(const QString &select) {
  m_list->clear();
  for (const auto &p : m_profiles->all())
    m_list->addItem(p.name);
  const auto matches = m_list->findItems(select, Qt::MatchExactly);
  m_list->setCurrentItem(matches.isEmpty() ? m_list->item(0) : matches.first());
}

void ProfileDialog::showProfile(const QString &name) {
  const auto p = m_profiles->find(name);
  if (!p)
    return;
  const bool editable = !p->embedded;
  for (QWidget *w : {static_cast<QWidget *>(m_address), static_cast<QWidget *>(m_tls), static_cast<QWidget *>(m_caFile),
                     static_cast<QWidget *>(m_tokenSource), static_cast<QWidget *>(m_tokenFile),
                     static_cast<QWidget *>(m_keyringToken)})
    w->setEnabled(editable);
  m_name->setText(p->name);
  m_address->setText(p->embedded ? tr("(in-process engine, simulated world)") : p->address);
  m_tls->setChecked(p->tls);
  m_caFile->setText(p->caFile);
  m_tokenSource->setCurrentIndex(static_cast<int>(p->tokenSource));
  m_tokenFile->setText(p->tokenFile);
  m_keyringToken->clear();
  m_prometheus->setText(p->prometheusUrl);
  m_error->clear();
}

models::ConnectionProfile ProfileDialog::fromForm() const {
  models::ConnectionProfile p;
  p.name = m_name->text().trimmed();
  p.address = m_address->text().trimmed();
  p.tls = m_tls->isChecked();
  p.caFile = m_caFile->text().trimmed();
  p.tokenSource = static_cast<models::ConnectionProfile::TokenSource>(m_tokenSource->currentIndex());
  p.tokenFile = m_tokenFile->text().trimmed();
  p.prometheusUrl = m_prometheus->text().trimmed();
  return p;
}

void ProfileDialog::saveForm() {
  const auto p = fromForm();
  if (const QString error = m_profiles->save(p); !error.isEmpty()) {
    m_error->setText(error);
    return;
  }
  if (p.tokenSource == models::ConnectionProfile::TokenSource::Keyring && !m_keyringToken->text().isEmpty()) {
    if (const QString error = models::ConnectionProfiles::storeInKeyring(p.name, m_keyringToken->text());
        !error.isEmpty()) {
      m_error->setText(error);
      return;
    }
    m_keyringToken->clear();
  }
  m_error->setText(tr("Saved."));
  reload(p.name);
}

} // namespace pxp::ui
