#include "debug/TraceFilterBar.h"

#include "pxp/ui/Theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>

namespace pxp::ui {

namespace {
constexpr int kCritical = 3; // client::SloState::Critical
}

TraceFilterBar::TraceFilterBar(QWidget *parent)
    : QWidget(parent), m_service(new QComboBox(this)), m_errorsOnly(new QCheckBox(tr("Errors only"), this)),
      m_refresh(new QPushButton(tr("Refresh"), this)), m_stats(new QLabel(this)), m_error(new QLabel(this)) {
  m_service->setObjectName(QStringLiteral("serviceFilter"));
  m_service->addItem(tr("All services"), QString());
  m_service->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  m_errorsOnly->setObjectName(QStringLiteral("errorsOnly"));
  m_errorsOnly->setChecked(true); // a failing request first: that is what one debugs
  m_refresh->setObjectName(QStringLiteral("refreshTraces"));
  m_stats->setObjectName(QStringLiteral("storeStats"));
  m_error->setObjectName(QStringLiteral("queryError"));
  m_error->setWordWrap(true);
  QPalette errorPalette = m_error->palette();
  errorPalette.setColor(QPalette::WindowText, Theme::stateColor(kCritical));
  m_error->setPalette(errorPalette);
  m_error->hide();

  auto *layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(new QLabel(tr("Service:"), this));
  layout->addWidget(m_service);
  layout->addWidget(m_errorsOnly);
  layout->addWidget(m_refresh);
  layout->addSpacing(12);
  layout->addWidget(m_stats);
  layout->addWidget(m_error, 1);
  layout->addStretch();

  connect(m_service, &QComboBox::activated, this, &TraceFilterBar::filterChanged);
  connect(m_errorsOnly, &QCheckBox::toggled, this, &TraceFilterBar::filterChanged);
  connect(m_refresh, &QPushButton::clicked, this, &TraceFilterBar::refreshRequested);
}

QString TraceFilterBar::service() const {
  return m_service->currentData().toString();
}

bool TraceFilterBar::errorsOnly() const {
  return m_errorsOnly->isChecked();
}

void TraceFilterBar::setServices(const QStringList &services) {
  const QString current = service();
  QStringList wanted = services;
  if (!current.isEmpty() && !wanted.contains(current))
    wanted.append(current);
  QStringList listed;
  for (int i = 1; i < m_service->count(); ++i)
    listed.append(m_service->itemData(i).toString());
  if (listed == wanted)
    return;
  const QSignalBlocker blocker(m_service);
  while (m_service->count() > 1)
    m_service->removeItem(1);
  for (const QString &name : wanted)
    m_service->addItem(name, name);
  m_service->setCurrentIndex(qMax(0, m_service->findData(current)));
}

void TraceFilterBar::setService(const QString &name) {
  if (!name.isEmpty() && m_service->findData(name) < 0)
    m_service->addItem(name, name);
  const QSignalBlocker blocker(m_service);
  m_service->setCurrentIndex(qMax(0, m_service->findData(name)));
}

void TraceFilterBar::setStats(const QString &text) {
  m_stats->setText(text);
}

void TraceFilterBar::showError(const QString &text) {
  m_error->setText(text);
  m_error->setVisible(!text.isEmpty());
}

} // namespace pxp::ui
