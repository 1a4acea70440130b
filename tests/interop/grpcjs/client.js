#!/usr/bin/env node
// A pxp.v1.ControlPlane client written with another gRPC implementation (@grpc/grpc-js and
// @grpc/proto-loader, loading the repository's proto/pxp/v1/*.proto at run time): proves the
// contract is usable from outside C++. Used by tests/interop/tst_grpcjs_client.cpp.
//
//   node client.js --address 127.0.0.1:PORT --token-file FILE --proto-dir DIR \
//                  --idempotency-key KEY --reason TEXT
//
// It calls WhoAmI, then Watch (until the snapshot and at least one event arrived), then
// SetFlag on the snapshot's first flag (toggling it) with the reason and idempotency key, and
// prints one JSON line with what it saw. Any failure exits non-zero with the reason on stderr.
'use strict';

const fs = require('fs');
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const kDeadlineMs = 15000;

const { fail, parseArgs } = require('../cli');

function loadControlPlane(protoDir) {
  const files = fs.readdirSync(path.join(protoDir, 'pxp', 'v1'))
    .filter((f) => f.endsWith('.proto')).map((f) => path.join('pxp', 'v1', f));
  if (files.length === 0) fail(`no .proto files under ${protoDir}/pxp/v1`);
  const definition = protoLoader.loadSync(files, {
    includeDirs: [protoDir], keepCase: true, longs: String, enums: String, defaults: true, oneofs: true,
  });
  const pxp = grpc.loadPackageDefinition(definition).pxp.v1;
  if (!pxp || !pxp.ControlPlane) fail('pxp.v1.ControlPlane not found in the loaded protos');
  return pxp.ControlPlane;
}

function deadline() { return new Date(Date.now() + kDeadlineMs); }

function unary(client, method, request, metadata) {
  return new Promise((resolve, reject) => {
    client[method](request, metadata, { deadline: deadline() }, (err, resp) => {
      if (err) reject(new Error(`${method}: ${err.code} ${err.details}`));
      else resolve(resp);
    });
  });
}

// Resolves with the first snapshot and the first batch of events after it.
function watch(client, metadata) {
  return new Promise((resolve, reject) => {
    const call = client.Watch({ resume_after_revision: 0 }, metadata, { deadline: deadline() });
    const seen = { snapshot: null, events: [], streamId: '', revision: '0' };
    let done = false;
    call.on('data', (msg) => {
      if (msg.snapshot && !seen.snapshot) {
        seen.snapshot = msg.snapshot;
        seen.streamId = msg.stream_id;
      } else if (seen.snapshot) {
        seen.events.push(...msg.events);
      }
      seen.revision = msg.revision;
      if (seen.snapshot && seen.events.length > 0 && !done) {
        done = true;
        call.cancel();
        resolve(seen);
      }
    });
    call.on('error', (err) => {
      if (!done) reject(new Error(`Watch: ${err.code} ${err.details}`));
    });
    call.on('end', () => {
      if (!done) reject(new Error('Watch ended before the snapshot and an event arrived'));
    });
  });
}

async function main() {
  const args = parseArgs(['address', 'token-file', 'proto-dir', 'idempotency-key', 'reason']);
  const token = fs.readFileSync(args['token-file'], 'utf8').trim();
  const ControlPlane = loadControlPlane(args['proto-dir']);
  const client = new ControlPlane(args.address, grpc.credentials.createInsecure());
  const metadata = new grpc.Metadata();
  metadata.set('authorization', `Bearer ${token}`);

  const who = await unary(client, 'WhoAmI', {}, metadata);
  const seen = await watch(client, metadata);
  const flags = seen.snapshot.flags;
  if (flags.length === 0) fail('the snapshot has no feature flags to set');
  const flag = flags[0];
  const result = await unary(client, 'SetFlag', {
    meta: { reason: args.reason, idempotency_key: args['idempotency-key'] },
    key: flag.key, enabled: !flag.enabled, rollout_percent: -1,
  }, metadata);
  if (!result.ok) fail(`SetFlag ${flag.key} was refused: ${result.message}`);
  client.close();
  process.stdout.write(JSON.stringify({
    whoami: { actor: who.actor, role: who.role, world: who.world },
    watch: {
      streamId: seen.streamId, slos: seen.snapshot.slos.length, flags: flags.length,
      events: seen.events.length, eventKinds: [...new Set(seen.events.map((e) => e.kind))],
    },
    setFlag: {
      key: flag.key, enabledBefore: flag.enabled, ok: result.ok, message: result.message,
      auditSeq: result.audit ? result.audit.seq : '0', auditCommand: result.audit ? result.audit.command : '',
    },
  }) + '\n');
}

main().catch((e) => fail(e && e.message ? e.message : String(e)));
