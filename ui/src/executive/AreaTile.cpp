#include "AreaTile.h"

#include "pxp/models/Format.h"
#include "pxp/ui/Theme.h"

#include <QLabel>
#include <QVBoxLayout>

namespace pxp::ui {

AreaTile::AreaTile(QWidget *parent) : QFrame(parent) {
  setObjectName(QStringLiteral("tile"));
  setFrameShape(QFrame::StyledPanel);
  setCursor(Qt::PointingHandCursor);
  setMinimumWidth(200);
  auto *v = new QVBoxLayout(this);
  m_title = new QLabel(this);
  m_title->setObjectName(QStringLiteral("tileTitle"));
  m_value = new QLabel(this);
  m_value->setObjectName(QStringLiteral("tileValue"));
  m_detail = new QLabel(this);
  m_detail->setWordWrap(true);
  v->addWidget(m_title);
  v->addWidget(m_value);
  v->addWidget(m_detail);
  setToolTip(tr("Double-click to open the on-call view of this area's worst SLO"));
}

void AreaTile::setContent(const Content &c) {
  m_content = c;
  namespace f = models::format;
  m_title->setText(c.area.isEmpty() ? tr("(no product area)") : c.area);
  m_value->setText(f::percent(c.minAttainment));
  m_detail->setText(tr("%1 SLO(s) · target %2 · %3%4")
                        .arg(c.sloCount)
                        .arg(f::objective(c.objective), f::budgetLeft(c.minBudget),
                             c.firing > 0 ? tr(" · %1 alert(s) firing").arg(c.firing) : QString()));
  const QColor color = Theme::stateColor(c.worstState);
  // The tile's left edge carries the state colour; the rest follows the palette.
  setStyleSheet(QStringLiteral("QFrame#tile { border-left: 6px solid %1; }").arg(color.name()));
}

QString AreaTile::text() const {
  return m_title->text() + QLatin1Char(' ') + m_value->text() + QLatin1Char(' ') + m_detail->text();
}

void AreaTile::mouseDoubleClickEvent(QMouseEvent *event) {
  QFrame::mouseDoubleClickEvent(event);
  emit activated(m_content.worstSloId);
}

} // namespace pxp::ui
