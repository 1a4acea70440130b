#include "AreaTile.h"

#include "pxp/client/Values.h"
#include "pxp/models/Format.h"
#include "pxp/ui/Theme.h"

#include <QLabel>
#include <QVBoxLayout>

#include <cmath>

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
}

void AreaTile::setContent(const Content &c) {
  m_content = c;
  namespace f = models::format;
  using client::AlertTier;
  const auto tier = static_cast<AlertTier>(c.tier);
  const bool firing = int(tier) > int(AlertTier::None);
  m_title->setText(c.area.isEmpty() ? tr("(no product area)") : c.area);
  // The large figure says why the tile has its colour.
  if (firing)
    m_value->setText(tr("burning %1").arg(f::burnRate(c.burnLong)));
  else if (std::isnan(c.budget))
    m_value->setText(f::noData());
  else
    m_value->setText(tr("budget %1").arg(f::budgetLeft(c.budget)));
  QString why;
  if (firing)
    why = tr("%1: %2 over %3 and %4 over %5")
              .arg(client::tierName(tier), f::burnRate(c.burnLong), c.longWindow, f::burnRate(c.burnShort),
                   c.shortWindow);
  else if (c.worstState == int(client::SloState::Critical))
    why = tr("budget exhausted");
  else if (c.worstState == int(client::SloState::Warning))
    why = tr("less than a quarter of the budget left");
  else if (c.worstState == int(client::SloState::NoData) || c.worstState == int(client::SloState::Error))
    why = tr("no data: see the SLO on call");
  else
    why = c.sloCount == 1 ? tr("within budget") : tr("all %1 SLOs within budget").arg(c.sloCount);
  m_detail->setText(tr("%1: %2 vs %3 target · budget %4\n%5%6")
                        .arg(c.worstSloName, f::percent(c.attainment), f::objective(c.objective),
                             f::budgetLeft(c.budget), why,
                             c.firing > 1 ? tr(" · %1 SLOs firing").arg(c.firing) : QString()));
  const QColor color = Theme::stateColor(c.worstState);
  // The tile's left edge carries the state colour; the rest follows the palette.
  setStyleSheet(QStringLiteral("QFrame#tile { border-left: 6px solid %1; }").arg(color.name()));
  setToolTip(tr("%1 SLO(s) in %2; the worst is %3 (%4). Double-click to open it on call.")
                 .arg(c.sloCount)
                 .arg(m_title->text(), c.worstSloName, c.worstSloId));
}

QString AreaTile::text() const {
  return m_title->text() + QLatin1Char(' ') + m_value->text() + QLatin1Char(' ') + m_detail->text();
}

void AreaTile::mouseDoubleClickEvent(QMouseEvent *event) {
  QFrame::mouseDoubleClickEvent(event);
  emit activated(m_content.worstSloId);
}

} // namespace pxp::ui
