#pragma once
// AreaTile: one product area's SLO attainment at a glance (worst state colour, attainment vs
// objective, budget left, firing alerts). Double-click drills down to the on-call view.
// Thread affinity: GUI thread.

#include <QFrame>

class QLabel;

namespace pxp::ui {

class AreaTile : public QFrame {
  Q_OBJECT
public:
  explicit AreaTile(QWidget *parent = nullptr);

  struct Content {
    QString area, worstSloId;
    int sloCount = 0, worstState = 0, firing = 0;
    double minAttainment = 0, objective = 0, minBudget = 0;
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
