#include "YamlPreflight.h"

#include <sstream>
#include <string>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

namespace pxpd::slo {
namespace {

// DocumentStartWatcher: notes where each document starts; ignores everything else.
// Thread affinity: none (lives for one preflight).
class DocumentStartWatcher final : public YAML::EventHandler {
public:
  bool stuck() const { return m_stuck; }
  int stuckLine() const { return m_stuckLine; }

  void OnDocumentStart(const YAML::Mark &mark) override {
    if (m_documents > 0 && mark.pos == m_lastStartPos) {
      m_stuck = true;
      m_stuckLine = mark.line + 1;
    }
    m_lastStartPos = mark.pos;
    ++m_documents;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark &, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark &, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark &, const std::string &, YAML::anchor_t, const std::string &) override {}
  void OnSequenceStart(const YAML::Mark &, const std::string &, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark &, const std::string &, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}

private:
  int m_documents = 0;
  int m_lastStartPos = -1;
  bool m_stuck = false;
  int m_stuckLine = 0;
};

} // namespace

std::optional<int> findEndlessDocument(std::string_view text) {
  std::istringstream in{std::string(text)};
  YAML::Parser parser(in);
  DocumentStartWatcher watcher;
  while (parser.HandleNextDocument(watcher)) {
    if (watcher.stuck())
      return watcher.stuckLine();
  }
  return std::nullopt;
}

} // namespace pxpd::slo
