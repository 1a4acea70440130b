#pragma once
// WorldMirror: the simulated world's deployments and flags as pxp.v1 messages, published when
// they change, and indexed by service for the policy engine (live canary, flags).
// Thread affinity: owned by the Engine, used with its lock held.

#include "world/SimulatedWorld.h"

#include "pxp/v1/control_plane.pb.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace pxpd {

class WorldMirror {
public:
  using Publish = std::function<void(pxp::v1::Event)>;

  explicit WorldMirror(Publish publish) : m_publish(std::move(publish)) {}

  // Publishes the deployments and flags that changed since the last call.
  void sync(const world::SimulatedWorld &world);

  const std::map<std::string, pxp::v1::Deployment> &deployments() const { return m_deployments; }
  const std::map<std::string, pxp::v1::FeatureFlag> &flags() const { return m_flags; }
  // The service's progressing or paused canary, or nullptr.
  const pxp::v1::Deployment *canaryOf(const std::string &service) const;
  // The service's flags, or nullptr.
  const std::vector<const pxp::v1::FeatureFlag *> *flagsOf(const std::string &service) const;

private:
  void reindex();

  Publish m_publish;
  bool m_synced = false;
  std::uint64_t m_worldChanges = 0;
  std::map<std::string, pxp::v1::Deployment> m_deployments;
  std::map<std::string, pxp::v1::FeatureFlag> m_flags;
  std::unordered_map<std::string, const pxp::v1::Deployment *> m_canaryByService;
  std::unordered_map<std::string, std::vector<const pxp::v1::FeatureFlag *>> m_flagsByService;
};

} // namespace pxpd
