#include "DashboardPage.h"

#include <QLabel>
#include <QVBoxLayout>

namespace pxp::ui {

DashboardPage::DashboardPage(Kind kind, QWidget *parent) : QWidget(parent), m_kind(kind) {
  static const char *const kNames[] = {"executiveDashboard", "onCallDashboard", "debugDashboard"};
  setObjectName(QString::fromLatin1(kNames[static_cast<int>(kind)]));
  auto *layout = new QVBoxLayout(this);
  auto *title = new QLabel(this);
  title->setObjectName(QStringLiteral("pageTitle"));
  switch (kind) {
  case Kind::Executive: title->setText(tr("SLO attainment, error budgets, incidents and cost")); break;
  case Kind::OnCall: title->setText(tr("Burning SLOs, active alerts, deploys and automation")); break;
  case Kind::Debug: title->setText(tr("Traces, RED metrics, correlated logs and flags")); break;
  }
  layout->addWidget(title);
  layout->addStretch(1);
}

} // namespace pxp::ui
