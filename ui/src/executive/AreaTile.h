#pragma once
// AreaTile: one product area at a glance, told by its worst SLO: the colour is that SLO's
// state; the large figure is why it is that colour (the burn of a firing tier, else the budget
// left); the lines under it name the SLO, its attainment against its target, its budget, and
// the tier with both windows' burn. Double-click drills down to that SLO on call.
// Thread affinity: GUI thread.

#include <QFrame>

class QLabel;

namespace pxp::ui {

class AreaTile : public QFrame {
  Q_OBJECT
public:
  explicit AreaTile(QWidget *parent = nullptr);

  struct Content {
    QString area, worstSloId, worstSloName;
    int sloCount = 0, worstState = 0, firing = 0;
    double attainment = 0, objective = 0, budget = 0; // the worst SLO's
    int tier = 1;                                     // client::AlertTier of the worst SLO
    double burnLong = 0, burnShort = 0;               // over its tier's windows
    QString longWindow, shortWindow;
  };
  void setContent(const Content &c);
  const Content &content() const { return m_content; }
  QString text() const; // what the tile says, for tests and accessibility

signals:
  void activated(const QString &sloId);

protected:
  void mouseDoubleClickEvent(QMouseEvent *event) override;

private:
  Content m_content;
  QLabel *m_title, *m_value, *m_detail;
};

} // namespace pxp::ui
