#pragma once
// DashboardPage: one of the three dashboard places (executive, on-call, debug).
// Thread affinity: GUI thread.

#include <QWidget>

namespace pxp::ui {

class DashboardPage : public QWidget {
  Q_OBJECT
public:
  enum class Kind { Executive, OnCall, Debug };
  DashboardPage(Kind kind, QWidget *parent = nullptr);

  Kind kind() const { return m_kind; }

private:
  Kind m_kind;
};

} // namespace pxp::ui
