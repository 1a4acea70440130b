#!/usr/bin/env node
// Exports a known set of traces, log records and product events to pxpd with the real
// OpenTelemetry JS SDK (@opentelemetry/sdk-trace-node + @opentelemetry/exporter-trace-otlp-grpc,
// @opentelemetry/sdk-logs + @opentelemetry/exporter-logs-otlp-grpc), then prints what it sent
// as one JSON line on stdout for tests/interop/tst_otlp_interop.cpp to check.
//
//   node export.js --endpoint http://127.0.0.1:PORT [--token TOKEN]
//
// The traces (start times fixed relative to one base time, so every duration is exact):
//   trace "slow-ok":  checkout  POST /checkout   250 ms  OK     request.id=req-1
//                       checkout  SELECT cart     50 ms  UNSET  (child, no request id)
//                       payments  charge card    170 ms  ERROR  "card declined" (child, no id,
//                                                               one "retry" event at +20 ms)
//   trace "too-slow": checkout  POST /checkout   400 ms  OK     request.id=req-2
//   trace "failed":   checkout  POST /checkout   100 ms  ERROR  "upstream timeout" request.id=req-3
// The log records (service checkout), emitted through the SDK's logs API:
//   event "checkout.completed"  in the root span of "slow-ok" (trace/span ids), request.id=req-1
//   log line "card declined by acme" (WARN)  in the "charge card" span, no request id
//   event "payment.failed"      outside any span, request.id=req-3 (links to "failed" by id only)
//   event "signup.started"      outside any span, no request id (an unlinked product event)
// Any error (export refused, pxpd unreachable) ends the script with a non-zero exit code.
'use strict';

const { SpanKind, SpanStatusCode, trace, context } = require('@opentelemetry/api');
const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');
const { SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { resourceFromAttributes } = require('@opentelemetry/resources');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-grpc');
const { SeverityNumber } = require('@opentelemetry/api-logs');
const { LoggerProvider, SimpleLogRecordProcessor } = require('@opentelemetry/sdk-logs');
const { OTLPLogExporter } = require('@opentelemetry/exporter-logs-otlp-grpc');
const grpc = require('@grpc/grpc-js');

const { fail, parseArgs } = require('../cli');

function exporterOptions(args) {
  const options = { url: args.endpoint };
  if (args.token) {
    const metadata = new grpc.Metadata();
    metadata.set('authorization', `Bearer ${args.token}`);
    options.metadata = metadata;
  }
  return options;
}

// Records every failed export of `exporter` (traces or logs) in `failures`.
function recordFailures(exporter, what, failures) {
  const exportBatch = exporter.export.bind(exporter);
  exporter.export = (items, done) =>
    exportBatch(items, (result) => {
      if (result.code !== 0) failures.push(`${what}: ${result.error ? result.error.message : 'export failed'}`);
      done(result);
    });
  return exporter;
}

const resourceOf = (service) => resourceFromAttributes({ 'service.name': service, 'service.version': '1.0.0' });

// One provider per service: the resource carries service.name, as in a real deployment.
function makeProvider(service, args, failures) {
  const exporter = recordFailures(new OTLPTraceExporter(exporterOptions(args)), service, failures);
  return new NodeTracerProvider({ resource: resourceOf(service), spanProcessors: [new SimpleSpanProcessor(exporter)] });
}

function makeLoggerProvider(service, args, failures) {
  const exporter = recordFailures(new OTLPLogExporter(exporterOptions(args)), `${service} logs`, failures);
  return new LoggerProvider({ resource: resourceOf(service), processors: [new SimpleLogRecordProcessor(exporter)] });
}

async function main() {
  const args = parseArgs(['endpoint']);
  const failures = [];
  const checkoutProvider = makeProvider('checkout', args, failures);
  const paymentsProvider = makeProvider('payments', args, failures);
  const checkout = checkoutProvider.getTracer('pxp-interop', '1.0.0');
  const payments = paymentsProvider.getTracer('pxp-interop', '1.0.0');

  // Whole milliseconds in the recent past: pxpd counts a span at its end time. Times are Date
  // objects: the SDK reads a plain number below the process start as a performance.now() value.
  const base = Math.floor(Date.now()) - 5000;
  const at = (offsetMs) => new Date(base + offsetMs);
  const sent = { traces: {} };
  const spanInfo = (span) => ({ traceId: span.spanContext().traceId, spanId: span.spanContext().spanId });

  // Trace "slow-ok": a root and two children, one of them in another service, with an error.
  const root = checkout.startSpan('POST /checkout', {
    kind: SpanKind.SERVER, startTime: at(0), attributes: { 'request.id': 'req-1', 'http.route': '/checkout' } });
  const rootCtx = trace.setSpan(context.active(), root);
  const cart = checkout.startSpan('SELECT cart', { kind: SpanKind.CLIENT, startTime: at(10) }, rootCtx);
  cart.end(at(60));
  const charge = payments.startSpan('charge card', { kind: SpanKind.SERVER, startTime: at(70),
    attributes: { 'payment.provider': 'acme' } }, rootCtx);
  charge.addEvent('retry', { attempt: 2 }, at(90));
  charge.setStatus({ code: SpanStatusCode.ERROR, message: 'card declined' });
  charge.end(at(240));
  root.setStatus({ code: SpanStatusCode.OK });
  root.end(at(250));
  sent.traces['slow-ok'] = { root: spanInfo(root), cart: spanInfo(cart), charge: spanInfo(charge) };

  const tooSlow = checkout.startSpan('POST /checkout', {
    kind: SpanKind.SERVER, startTime: at(1000), attributes: { 'request.id': 'req-2' } });
  tooSlow.setStatus({ code: SpanStatusCode.OK });
  tooSlow.end(at(1400));
  sent.traces['too-slow'] = { root: spanInfo(tooSlow) };

  const failed = checkout.startSpan('POST /checkout', {
    kind: SpanKind.SERVER, startTime: at(2000), attributes: { 'request.id': 'req-3' } });
  failed.setStatus({ code: SpanStatusCode.ERROR, message: 'upstream timeout' });
  failed.end(at(2100));
  sent.traces['failed'] = { root: spanInfo(failed) };

  // Log records and product events, after their spans: pxpd links them by trace id or request id.
  const loggerProvider = makeLoggerProvider('checkout', args, failures);
  const logger = loggerProvider.getLogger('pxp-interop', '1.0.0');
  logger.emit({ eventName: 'checkout.completed', timestamp: at(248), severityNumber: SeverityNumber.INFO,
    severityText: 'INFO', attributes: { 'request.id': 'req-1', 'cart.items': 3 }, context: rootCtx });
  logger.emit({ body: 'card declined by acme', timestamp: at(239), severityNumber: SeverityNumber.WARN,
    severityText: 'WARN', context: trace.setSpan(context.active(), charge) });
  logger.emit({ eventName: 'payment.failed', timestamp: at(2100), severityNumber: SeverityNumber.WARN,
    body: 'payment failed: upstream timeout', attributes: { 'request.id': 'req-3' } });
  logger.emit({ eventName: 'signup.started', timestamp: at(3000), severityNumber: SeverityNumber.INFO,
    attributes: { plan: 'trial' } });
  await loggerProvider.forceFlush();
  await loggerProvider.shutdown();

  await checkoutProvider.forceFlush();
  await paymentsProvider.forceFlush();
  await checkoutProvider.shutdown();
  await paymentsProvider.shutdown();
  if (failures.length > 0) fail(`export to ${args.endpoint} failed: ${[...new Set(failures)].join('; ')}`);
  sent.baseMs = base;
  process.stdout.write(JSON.stringify(sent) + '\n');
}

main().catch((e) => fail(e && e.stack ? e.stack : String(e)));
