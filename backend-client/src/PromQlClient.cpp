#include "pxp/client/PromQlClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrl>
#include <QUrlQuery>

namespace pxp::client {
namespace {

QPointF pointOf(const QJsonArray &pair) {
  // [ <unix seconds, float>, "<value as text>" ]; the text may be NaN or +Inf.
  return {pair.at(0).toDouble() * 1000.0, pair.at(1).toString().toDouble()};
}

QString labelsOf(const QJsonObject &metric) {
  QStringList parts;
  for (auto it = metric.begin(); it != metric.end(); ++it)
    parts << it.key() + QStringLiteral("=\"") + it.value().toString() + QLatin1Char('"');
  // __name__ first, as PromQL writes a series: name{labels}.
  const QString name = metric.value(QStringLiteral("__name__")).toString();
  parts.removeIf([](const QString &p) { return p.startsWith(QLatin1String("__name__=")); });
  return name + QLatin1Char('{') + parts.join(QLatin1Char(',')) + QLatin1Char('}');
}

} // namespace

PromQlClient::PromQlClient(QObject *parent) : QObject(parent), m_network(new QNetworkAccessManager(this)) {}

void PromQlClient::setBaseUrl(const QString &url) {
  m_baseUrl = url.trimmed();
}

void PromQlClient::queryRange(const QString &promql, qint64 startSeconds, qint64 endSeconds, qint64 stepSeconds) {
  post(QStringLiteral("api/v1/query_range"), promql,
       {{QStringLiteral("start"), QString::number(startSeconds)},
        {QStringLiteral("end"), QString::number(endSeconds)},
        {QStringLiteral("step"), QString::number(stepSeconds)}});
}

void PromQlClient::queryInstant(const QString &promql, qint64 timeSeconds) {
  post(QStringLiteral("api/v1/query"), promql, {{QStringLiteral("time"), QString::number(timeSeconds)}});
}

void PromQlClient::post(const QString &path, const QString &promql, const QList<QPair<QString, QString>> &params) {
  if (QNetworkReply *previous = m_reply) {
    m_reply.clear(); // first: abort() emits finished(), which must find it replaced and stay silent
    previous->abort();
  }
  QUrl url(m_baseUrl);
  if (m_baseUrl.isEmpty() || !url.isValid() ||
      (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
    PromQlResult r;
    r.promql = promql;
    r.error = tr("no Prometheus URL: set one in the connection profile or start with --prometheus http://host:9090");
    emit finished(r);
    return;
  }
  QString base = url.path();
  if (!base.endsWith(QLatin1Char('/')))
    base += QLatin1Char('/');
  url.setPath(base + path);
  QUrlQuery form;
  form.addQueryItem(QStringLiteral("query"), promql);
  for (const auto &[key, value] : params)
    form.addQueryItem(key, value);
  QNetworkRequest request(url);
  request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/x-www-form-urlencoded"));
  request.setTransferTimeout(kTimeoutMs);
  // Form encoding: QUrlQuery leaves '+' alone, which a form decoder would read as a space.
  QByteArray body = form.toString(QUrl::FullyEncoded).toUtf8();
  body.replace('+', "%2B");
  QNetworkReply *reply = m_network->post(request, body);
  m_reply = reply;
  connect(reply, &QNetworkReply::finished, this, [this, reply, promql] { onReply(reply, promql); });
}

void PromQlClient::onReply(QNetworkReply *reply, const QString &promql) {
  reply->deleteLater();
  if (reply != m_reply)
    return; // replaced by a newer query
  m_reply.clear();
  const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
  const QByteArray body = reply->readAll();
  PromQlResult r;
  if (status == 0) { // no HTTP answer at all
    r.promql = promql;
    r.error = tr("cannot reach Prometheus at %1: %2").arg(m_baseUrl, reply->errorString());
  } else {
    r = parse(body, status, promql);
  }
  emit finished(r);
}

PromQlResult PromQlClient::parse(const QByteArray &body, int httpStatus, const QString &promql) {
  PromQlResult r;
  r.promql = promql;
  QJsonParseError parseError;
  const QJsonObject root = QJsonDocument::fromJson(body, &parseError).object();
  if (parseError.error != QJsonParseError::NoError || !root.contains(QStringLiteral("status"))) {
    r.error =
        tr("HTTP %1: the answer is not Prometheus API JSON; is the profile's Prometheus URL right?").arg(httpStatus);
    return r;
  }
  if (root.value(QStringLiteral("status")).toString() != QLatin1String("success")) {
    r.error = root.value(QStringLiteral("errorType")).toString() + QStringLiteral(": ") +
              root.value(QStringLiteral("error")).toString();
    return r;
  }
  const QJsonObject data = root.value(QStringLiteral("data")).toObject();
  r.resultType = data.value(QStringLiteral("resultType")).toString();
  const QJsonValue result = data.value(QStringLiteral("result"));
  if (r.resultType == QLatin1String("scalar") || r.resultType == QLatin1String("string")) {
    r.series.append({QStringLiteral("{}"), {pointOf(result.toArray())}});
    return r;
  }
  for (const QJsonValue &v : result.toArray()) {
    const QJsonObject s = v.toObject();
    PromQlSeries series;
    series.labels = labelsOf(s.value(QStringLiteral("metric")).toObject());
    if (s.contains(QStringLiteral("value")))
      series.points.push_back(pointOf(s.value(QStringLiteral("value")).toArray()));
    for (const QJsonValue &p : s.value(QStringLiteral("values")).toArray())
      series.points.push_back(pointOf(p.toArray()));
    r.series.append(std::move(series));
  }
  return r;
}

} // namespace pxp::client
