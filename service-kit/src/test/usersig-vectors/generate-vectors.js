#!/usr/bin/env node
// Known-answer vectors for io.callstream.service.usersig, made by the vendor's own library (tls-sig-api-v2, pinned in
// package.json) so that our Java code is checked against the reference rather than against itself.
//
//   npm ci && node generate-vectors.js
//
// writes ../resources/usersig/vectors.json. The library stamps each signature with the current time, so the clock is
// pinned per vector by replacing Date.now (the library reads nothing else), and the TLS.time written into each
// signature is read back and checked against the pinned value.
//
// The usersig strings depend on the zlib that this Node carries (Node bundles Chromium's zlib, whose deflate output
// differs from stock zlib's and may differ between CPUs). The inflated document and the HMAC do not: the Java tests
// compare those byte for byte and only verify the usersig string as given.
'use strict';

const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { Api } = require('tls-sig-api-v2');
const libraryVersion = require('tls-sig-api-v2/package.json').version;

const APP_A = { sdkappid: 1400000000, key: '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e' };
const APP_B = { sdkappid: 1600012345, key: '0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0' };

// Each entry: a name, the app, identifier, expire (seconds) and the pinned issue time (Unix seconds).
// privateMapKey: made with genPrivateMapKey, which adds a TLS.userbuf field to the signed content.
const SPECS = [
  { name: 'admin-180-days', app: APP_A, identifier: 'administrator', expire: 86400 * 180, time: 1700000000 },
  { name: 'admin-5-minutes', app: APP_A, identifier: 'administrator', expire: 300, time: 1712345678 },
  { name: 'unicode', app: APP_A, identifier: '\u7528\u6237\u{1F600}', expire: 86400, time: 1720000000 },
  {
    name: 'special-characters',
    app: APP_A,
    // quote, backslash, slash, HTML and URL metacharacters, control characters, U+2028: JSON escaping must match.
    identifier: 'a"b\\c/d<e>&\'%+=?#\n\t\u0001 \u00fc\u2028',
    expire: 604800,
    time: 1730000000,
  },
  { name: 'other-app-admin', app: APP_B, identifier: 'administrator', expire: 3600, time: 1735689600 },
  { name: 'other-app-user', app: APP_B, identifier: 'user_01-x', expire: 1, time: 1740000000 },
  { name: 'other-app-emoji-zwj', app: APP_B, identifier: '\u03a9mega \u{1F469}\u200D\u{1F4BB}', expire: 2592000, time: 1750000000 },
  {
    name: 'private-map-key',
    app: APP_A,
    identifier: 'xiaojun',
    expire: 86400 * 180,
    time: 1760000000,
    privateMapKey: { roomid: 10000, privilegeMap: 255 },
  },
];

function fromUrlSafe(sig) {
  return Buffer.from(sig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '='), 'base64');
}

function withPinnedClock(seconds, fn) {
  const realNow = Date.now;
  // A sub-second part, so that the library's Math.floor(Date.now() / 1000) is exercised.
  Date.now = () => seconds * 1000 + 789;
  try {
    return fn();
  } finally {
    Date.now = realNow;
  }
}

function generate(spec) {
  const api = new Api(spec.app.sdkappid, spec.app.key);
  const usersig = withPinnedClock(spec.time, () =>
    spec.privateMapKey
      ? api.genPrivateMapKey(spec.identifier, spec.expire, spec.privateMapKey.roomid, spec.privateMapKey.privilegeMap)
      : api.genSig(spec.identifier, spec.expire));
  const document = zlib.inflateSync(fromUrlSafe(usersig)).toString('utf8');
  const doc = JSON.parse(document);
  if (doc['TLS.time'] !== spec.time) {
    throw new Error(`${spec.name}: TLS.time ${doc['TLS.time']} is not the pinned ${spec.time}`);
  }
  const vector = {
    name: spec.name,
    sdkappid: spec.app.sdkappid,
    key: spec.app.key,
    identifier: spec.identifier,
    expire: spec.expire,
    time: doc['TLS.time'],
    usersig,
    document,
  };
  if (doc['TLS.userbuf'] !== undefined) {
    vector.userbuf = doc['TLS.userbuf'];
  }
  return vector;
}

const out = {
  generator: {
    library: `tls-sig-api-v2@${libraryVersion}`,
    node: process.versions.node,
    zlib: process.versions.zlib,
  },
  vectors: SPECS.map(generate),
};
const target = path.join(__dirname, '..', 'resources', 'usersig', 'vectors.json');
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, JSON.stringify(out, null, 2) + '\n');
console.log(`wrote ${out.vectors.length} vectors to ${path.relative(process.cwd(), target)}`);
