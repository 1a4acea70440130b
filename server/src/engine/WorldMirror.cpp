#include "engine/WorldMirror.h"

#include "engine/ProtoMapping.h"

namespace pxpd {

void WorldMirror::sync(const world::SimulatedWorld &world) {
  if (m_synced && world.changeCounter() == m_worldChanges)
    return;
  m_synced = true;
  m_worldChanges = world.changeCounter();
  for (const auto &d : world.deployments()) {
    auto p = toProto(d);
    auto &cur = m_deployments[d.id];
    if (cur.SerializeAsString() == p.SerializeAsString())
      continue;
    cur = p;
    pxp::v1::Event e;
    *e.mutable_deployment() = std::move(p);
    m_publish(std::move(e));
  }
  for (const auto &f : world.flags()) {
    auto p = toProto(f);
    auto &cur = m_flags[f.key];
    if (cur.SerializeAsString() == p.SerializeAsString())
      continue;
    cur = p;
    pxp::v1::Event e;
    *e.mutable_flag() = std::move(p);
    m_publish(std::move(e));
  }
  reindex();
}

void WorldMirror::reindex() {
  m_canaryByService.clear();
  m_flagsByService.clear();
  for (const auto &[id, d] : m_deployments)
    if (d.strategy() == pxp::v1::DEPLOY_STRATEGY_CANARY &&
        (d.status() == pxp::v1::DEPLOY_STATUS_PROGRESSING || d.status() == pxp::v1::DEPLOY_STATUS_PAUSED))
      m_canaryByService[d.service()] = &d;
  for (const auto &[key, f] : m_flags)
    m_flagsByService[f.service()].push_back(&f);
}

const pxp::v1::Deployment *WorldMirror::canaryOf(const std::string &service) const {
  const auto it = m_canaryByService.find(service);
  return it == m_canaryByService.end() ? nullptr : it->second;
}

const std::vector<const pxp::v1::FeatureFlag *> *WorldMirror::flagsOf(const std::string &service) const {
  const auto it = m_flagsByService.find(service);
  return it == m_flagsByService.end() ? nullptr : &it->second;
}

} // namespace pxpd
