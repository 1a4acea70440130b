#pragma once
// ProfileDialog: edit the saved connection profiles (remote pxpd address, TLS and CA file,
// token from a file or the keyring — never typed into settings — and a Prometheus URL) and
// pick one to connect to.
// Thread affinity: GUI thread.

#include "pxp/models/ConnectionProfiles.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;

namespace pxp::ui {

class ProfileDialog : public QDialog {
  Q_OBJECT
public:
  explicit ProfileDialog(models::ConnectionProfiles *profiles, QWidget *parent = nullptr);

  // The profile the user chose to connect to ("" when the dialog was closed).
  QString chosen() const { return m_chosen; }

private:
  void reload(const QString &select = {});
  void showProfile(const QString &name);
  models::ConnectionProfile fromForm() const;
  void saveForm();

  models::ConnectionProfiles *m_profiles;
  QListWidget *m_list;
  QLineEdit *m_name, *m_address, *m_caFile, *m_tokenFile, *m_keyringToken, *m_prometheus;
  QCheckBox *m_tls;
  QComboBox *m_tokenSource;
  QLabel *m_error;
  QString m_chosen;
};

} // namespace pxp::ui
