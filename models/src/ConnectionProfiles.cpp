#include "pxp/models/ConnectionProfiles.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>

namespace pxp::models {
namespace {

constexpr int kKeyringTimeoutMs = 5000;

ConnectionProfile embeddedProfile() {
  ConnectionProfile p;
  p.name = QString::fromLatin1(ConnectionProfiles::kEmbedded);
  p.embedded = true;
  return p;
}

QString sourceName(ConnectionProfile::TokenSource s) {
  switch (s) {
  case ConnectionProfile::TokenSource::File: return QStringLiteral("file");
  case ConnectionProfile::TokenSource::Keyring: return QStringLiteral("keyring");
  case ConnectionProfile::TokenSource::None: break;
  }
  return QStringLiteral("none");
}

} // namespace

ConnectionProfiles::ConnectionProfiles(QSettings *settings) : m_settings(settings) {
  if (!m_settings) {
    m_owned = std::make_unique<QSettings>();
    m_settings = m_owned.get();
  }
}

QList<ConnectionProfile> ConnectionProfiles::all() const {
  QList<ConnectionProfile> out{embeddedProfile()};
  const int n = m_settings->beginReadArray(QStringLiteral("profiles"));
  for (int i = 0; i < n; ++i) {
    m_settings->setArrayIndex(i);
    ConnectionProfile p;
    p.name = m_settings->value(QStringLiteral("name")).toString();
    p.address = m_settings->value(QStringLiteral("address")).toString();
    p.tls = m_settings->value(QStringLiteral("tls")).toBool();
    p.caFile = m_settings->value(QStringLiteral("caFile")).toString();
    p.allowInsecureRemote = m_settings->value(QStringLiteral("allowInsecureRemote")).toBool();
    const QString src = m_settings->value(QStringLiteral("tokenSource")).toString();
    p.tokenSource = src == QLatin1String("file")      ? ConnectionProfile::TokenSource::File
                    : src == QLatin1String("keyring") ? ConnectionProfile::TokenSource::Keyring
                                                      : ConnectionProfile::TokenSource::None;
    p.tokenFile = m_settings->value(QStringLiteral("tokenFile")).toString();
    p.prometheusUrl = m_settings->value(QStringLiteral("prometheusUrl")).toString();
    if (!p.name.isEmpty() && p.name != QLatin1String(kEmbedded))
      out.push_back(p);
  }
  m_settings->endArray();
  return out;
}

std::optional<ConnectionProfile> ConnectionProfiles::find(const QString &name) const {
  for (const auto &p : all())
    if (p.name == name)
      return p;
  return std::nullopt;
}

QString ConnectionProfiles::lastUsed() const {
  return m_settings->value(QStringLiteral("lastProfile"), QString::fromLatin1(kEmbedded)).toString();
}

void ConnectionProfiles::setLastUsed(const QString &name) {
  m_settings->setValue(QStringLiteral("lastProfile"), name);
}

QString ConnectionProfiles::save(const ConnectionProfile &profile) {
  if (profile.name.trimmed().isEmpty())
    return QStringLiteral("a profile needs a name");
  if (profile.name == QLatin1String(kEmbedded))
    return QStringLiteral("'embedded' is the built-in profile; pick another name");
  static const QRegularExpression hostPort(QStringLiteral("^[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}$"));
  if (!hostPort.match(profile.address).hasMatch())
    return QStringLiteral("address '%1' is not HOST:PORT (e.g. pxpd.example.com:7300)").arg(profile.address);
  if (profile.tokenSource == ConnectionProfile::TokenSource::File && profile.tokenFile.isEmpty())
    return QStringLiteral("choose the token file, or take the token from the keyring");
  auto list = all();
  list.removeFirst(); // the embedded profile is not stored
  bool replaced = false;
  for (auto &p : list)
    if (p.name == profile.name) {
      p = profile;
      replaced = true;
    }
  if (!replaced)
    list.push_back(profile);
  m_settings->beginWriteArray(QStringLiteral("profiles"), static_cast<int>(list.size()));
  for (int i = 0; i < list.size(); ++i) {
    const auto &p = list[i];
    m_settings->setArrayIndex(i);
    m_settings->setValue(QStringLiteral("name"), p.name);
    m_settings->setValue(QStringLiteral("address"), p.address);
    m_settings->setValue(QStringLiteral("tls"), p.tls);
    m_settings->setValue(QStringLiteral("caFile"), p.caFile);
    m_settings->setValue(QStringLiteral("allowInsecureRemote"), p.allowInsecureRemote);
    m_settings->setValue(QStringLiteral("tokenSource"), sourceName(p.tokenSource));
    m_settings->setValue(QStringLiteral("tokenFile"), p.tokenFile);
    m_settings->setValue(QStringLiteral("prometheusUrl"), p.prometheusUrl);
  }
  m_settings->endArray();
  m_settings->sync();
  return {};
}

void ConnectionProfiles::remove(const QString &name) {
  auto list = all();
  list.removeFirst();
  list.removeIf([&](const ConnectionProfile &p) { return p.name == name; });
  m_settings->remove(QStringLiteral("profiles"));
  for (const auto &p : list)
    save(p);
}

bool ConnectionProfiles::resolveToken(const ConnectionProfile &profile, QString &token, QString &error) {
  token.clear();
  switch (profile.tokenSource) {
  case ConnectionProfile::TokenSource::None: return true;
  case ConnectionProfile::TokenSource::File: {
    QFile f(profile.tokenFile);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text)) {
      error = QStringLiteral("cannot read token file %1: %2").arg(profile.tokenFile, f.errorString());
      return false;
    }
    token = QString::fromUtf8(f.readLine()).trimmed();
    if (token.isEmpty()) {
      error = QStringLiteral("token file %1 is empty: put the token on its first line").arg(profile.tokenFile);
      return false;
    }
    return true;
  }
  case ConnectionProfile::TokenSource::Keyring: {
    QProcess p;
    p.start(QStringLiteral("secret-tool"), {QStringLiteral("lookup"), QStringLiteral("service"), QStringLiteral("pxp"),
                                            QStringLiteral("profile"), profile.name});
    if (!p.waitForFinished(kKeyringTimeoutMs) || p.exitCode() != 0) {
      error =
          QStringLiteral("no token for profile '%1' in the system keyring (secret-tool lookup service pxp profile %1); "
                         "store one from the profile dialog or use a token file")
              .arg(profile.name);
      return false;
    }
    token = QString::fromUtf8(p.readAllStandardOutput()).trimmed();
    return !token.isEmpty();
  }
  }
  return false;
}

QString ConnectionProfiles::storeInKeyring(const QString &profileName, const QString &token) {
  QProcess p;
  p.start(QStringLiteral("secret-tool"),
          {QStringLiteral("store"), QStringLiteral("--label=PXP token (%1)").arg(profileName),
           QStringLiteral("service"), QStringLiteral("pxp"), QStringLiteral("profile"), profileName});
  if (!p.waitForStarted(kKeyringTimeoutMs))
    return QStringLiteral("secret-tool is not installed (package libsecret-tools): use a token file instead");
  p.write(token.toUtf8());
  p.closeWriteChannel();
  if (!p.waitForFinished(kKeyringTimeoutMs) || p.exitCode() != 0)
    return QStringLiteral("the keyring refused the token: %1")
        .arg(QString::fromUtf8(p.readAllStandardError()).trimmed());
  return {};
}

} // namespace pxp::models
