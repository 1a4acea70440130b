#pragma once
// ConnectionProfiles: the console's saved backends in QSettings — the embedded default, or a
// remote pxpd (address, TLS with an optional CA file, where the token comes from) with an
// optional Prometheus URL. Tokens are never stored in the settings: a profile names a token
// file or the system keyring (libsecret's secret-tool), and resolveToken() reads it when needed.
// Thread affinity: GUI thread (QSettings).

#include <QList>
#include <QSettings>
#include <QString>

#include <memory>
#include <optional>

namespace pxp::models {

struct ConnectionProfile {
  QString name;
  bool embedded = false;
  QString address; // host:port
  bool tls = false;
  QString caFile;
  bool allowInsecureRemote = false; // plaintext to another host (the token crosses in clear)
  enum class TokenSource { None, File, Keyring } tokenSource = TokenSource::None;
  QString tokenFile; // when tokenSource == File
  QString prometheusUrl;
  double timeScale = 1; // embedded only
};

class ConnectionProfiles {
public:
  // `settings` defaults to the application's QSettings.
  explicit ConnectionProfiles(QSettings *settings = nullptr);

  QList<ConnectionProfile> all() const; // always starts with "embedded"
  std::optional<ConnectionProfile> find(const QString &name) const;
  QString lastUsed() const;
  void setLastUsed(const QString &name);
  // Adds or replaces by name. "embedded" cannot be replaced by a remote profile.
  QString save(const ConnectionProfile &profile); // "" or the error
  void remove(const QString &name);

  // Reads the token a profile points to. Errors say which file and what to do.
  static bool resolveToken(const ConnectionProfile &profile, QString &token, QString &error);
  // Stores a token in the system keyring (secret-tool store). Returns "" or the error.
  static QString storeInKeyring(const QString &profileName, const QString &token);

  static constexpr const char *kEmbedded = "embedded";

private:
  QSettings *m_settings;
  std::unique_ptr<QSettings> m_owned;
};

} // namespace pxp::models
