#pragma once
// PromQlClient: ad-hoc PromQL against a Prometheus HTTP API (/api/v1/query and
// /api/v1/query_range) for the console's debug view. Asynchronous (QNetworkAccessManager):
// nothing blocks the GUI; a newer query abandons the one still running. Errors carry
// Prometheus's own text ("bad_data: 1:5: parse error: ...") or the transport failure.
// Thread affinity: the thread it lives on (the GUI thread); signals are emitted there.

#include <QList>
#include <QObject>
#include <QPointF>
#include <QPointer>
#include <QString>

#include <vector>

class QNetworkAccessManager;
class QNetworkReply;

namespace pxp::client {

struct PromQlSeries {
  QString labels;              // {code="500",job="checkout"}; "{}" when the result has none
  std::vector<QPointF> points; // (epoch ms, value)
};

struct PromQlResult {
  QString promql;
  QString resultType; // "matrix", "vector", "scalar" or "string"
  QList<PromQlSeries> series;
  QString error; // "" = success
  bool ok() const { return error.isEmpty(); }
};

class PromQlClient : public QObject {
  Q_OBJECT
public:
  static constexpr int kTimeoutMs = 30'000;

  explicit PromQlClient(QObject *parent = nullptr);

  void setBaseUrl(const QString &url); // http://host:9090 (a path prefix is kept)
  QString baseUrl() const { return m_baseUrl; }

  // Starts a query; finished() follows once, unless another query replaces it first.
  void queryRange(const QString &promql, qint64 startSeconds, qint64 endSeconds, qint64 stepSeconds);
  void queryInstant(const QString &promql, qint64 timeSeconds);
  bool running() const { return !m_reply.isNull(); }

  // Parses an API answer (exposed for tests).
  static PromQlResult parse(const QByteArray &body, int httpStatus, const QString &promql);

signals:
  void finished(const pxp::client::PromQlResult &result);

private:
  void post(const QString &path, const QString &promql, const QList<QPair<QString, QString>> &params);
  void onReply(QNetworkReply *reply, const QString &promql);

  QNetworkAccessManager *m_network;
  QPointer<QNetworkReply> m_reply;
  QString m_baseUrl;
};

} // namespace pxp::client
