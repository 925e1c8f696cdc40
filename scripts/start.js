#!/usr/bin/env node
// `npm start`: a local Kafka broker (unless KAFKA_BROKERS is set), then the gateway and the
// auditor. Prints where they listen. Ctrl-C (or SIGTERM) stops all of it, broker last.
// `npm start -- --nodes 3`: a local three-node cluster instead, and topics replicated on it.
// The local broker, the auditor's store and the gateway's state live in ONWARD_HOME (default
// .onward) and are kept between runs; `npm start -- --fresh` deletes them first. Logs are
// pretty-printed when stdout is a terminal (LOG_FORMAT=pretty), JSON lines otherwise.
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

// Node 20 is past its end of life and cannot load the auditor's SQLite binding (README).
if (Number(process.versions.node.split('.')[0]) < 22) {
  process.stderr.write(`Onward needs Node 22 or later; this is Node ${process.version}\n`);
  process.exit(2);
}
const root = path.resolve(__dirname, '..');
const home = path.resolve(process.env.ONWARD_HOME || path.join(root, '.onward'));
// Everything `npm start` and its children write (the broker's data and logs, the auditor's
// store, keys and tokens) holds personal data or secrets: private to this user (600/700).
process.umask(0o077);
fs.mkdirSync(home, { recursive: true, mode: 0o700 });
fs.chmodSync(home, 0o700);
const brokerDir = process.env.ONWARD_BROKER_DIR || path.join(home, 'kafka');
const secure = process.argv.includes('--secure') || process.env.ONWARD_SECURE === '1';
const fresh = process.argv.includes('--fresh');
const nodesAt = process.argv.indexOf('--nodes');
const nodes = nodesAt === -1 ? 1 : Number(process.argv[nodesAt + 1]);
if (!Number.isInteger(nodes) || nodes < 1 || nodes > 9) {
  process.stderr.write('usage: npm start -- [--fresh] [--secure | --nodes N] (N from 1 to 9)\n');
  process.exit(2);
}
if (secure && nodes > 1) {
  process.stderr.write('the secured mode runs one broker: --secure and --nodes do not mix\n');
  process.exit(2);
}
const children = [];
let ownBroker = false;
let stopping = false;

function say(line) {
  process.stdout.write(`[onward] ${line}\n`);
}

function startBroker() {
  const what = nodes > 1 ? `${nodes}-node Apache Kafka cluster` : 'Apache Kafka broker';
  say(`KAFKA_BROKERS not set: starting a local ${what} (first run fetches its jars)`);
  const args = [
    ...(nodes > 1 ? ['--nodes', String(nodes)] : []),
    '--dir',
    brokerDir,
    '--owner',
    String(process.pid),
    // One plain broker resumes on its data; --secure and --nodes start empty every time.
    ...(secure ? ['--secure'] : nodes === 1 ? ['--keep'] : []),
  ];
  const out = execFileSync('bash', [path.join(root, 'scripts/kafka/start.sh'), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  ownBroker = true;
  return out.trim().split('\n').pop();
}

// KEY=value lines of the connection files the secured mode writes (paths, never secrets).
function readEnvFile(file) {
  const env = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) env[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return env;
}

// Puts the apps' stores below ONWARD_HOME unless configured elsewhere, and returns the data
// directories a local run keeps: the ones --fresh deletes (never one the user chose).
function placeKeptData(env) {
  const dirs = [];
  if (!process.env.KAFKA_BROKERS) dirs.push(path.join(brokerDir, 'data'));
  if (!env.AUDITOR_DATA_DIR) {
    env.AUDITOR_DATA_DIR = path.join(home, 'auditor');
    dirs.push(env.AUDITOR_DATA_DIR);
  }
  if (!env.GATEWAY_STATE_DIR) {
    // The gateway's own default below ONWARD_HOME: gateway-state/<its group id>.
    const group = env.GATEWAY_GROUP_ID || 'onward-gateway';
    env.GATEWAY_STATE_DIR = path.join(home, 'gateway-state', group);
    dirs.push(env.GATEWAY_STATE_DIR);
  }
  return dirs;
}

function brokerRuns() {
  try {
    process.kill(Number(fs.readFileSync(path.join(brokerDir, 'broker.pid'), 'utf8')), 0);
    return true;
  } catch {
    return false;
  }
}

function startApp(name, env, script = `dist/apps/${name}/src/main.js`, args = []) {
  const child = spawn(process.execPath, [path.join(root, script), ...args], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      say(`${name} exited (${signal || code}); stopping everything`);
      void shutdown(1);
    }
  });
  children.push({ name, child });
  return child;
}

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  say('stopping gateway and auditor');
  await Promise.all(
    children.map(
      ({ child }) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  if (ownBroker) {
    say(`stopping the local ${nodes > 1 ? 'cluster' : 'broker'}`);
    try {
      execFileSync('bash', [path.join(root, 'scripts/kafka/stop.sh'), '--dir', brokerDir], {
        stdio: 'inherit',
      });
    } catch {
      // stop.sh reports its own problems; the watchdog is the last resort.
    }
  }
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

// A local run gets its own random pseudonym key, kept across runs so pseudonyms stay stable.
function devPseudonymKeyFile() {
  const file = path.join(home, 'pseudonym.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
    say(`wrote a development pseudonym key to ${path.relative(root, file)}`);
  }
  return file;
}

// Audit checkpoints (issue 13): a local run gets its own Ed25519 log key (the gateway signs)
// and witness key (the auditor cosigns), mode 600, kept across runs so checkpoints stay
// verifiable; the public halves go beside them for `onward proof verify --key`.
function devNoteKeyFiles(name, type, base) {
  const { generateNoteKey } = require(path.join(root, 'dist/libs/contracts/src/transparency'));
  const secret = path.join(home, `${base}.key`);
  const pub = path.join(home, `${base}.pub`);
  if (!fs.existsSync(secret)) {
    fs.mkdirSync(path.dirname(secret), { recursive: true, mode: 0o700 });
    const key = generateNoteKey(name, type);
    fs.writeFileSync(secret, `${key.signer}\n`, { mode: 0o600 });
    fs.writeFileSync(pub, `${key.verifier}\n`, { mode: 0o644 });
    say(`wrote a development ${base} key to ${path.relative(root, secret)} (public: ${base}.pub)`);
  }
  return { secret, pub };
}

// The auditor's compliance API and page need a bearer token: a local run gets its own.
function devAuditorTokenFile() {
  const file = path.join(home, 'auditor.token');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(24).toString('base64url'), { mode: 0o600 });
  }
  return file;
}

const env = { ...process.env };
if (!env.LOG_FORMAT && process.stdout.isTTY) env.LOG_FORMAT = 'pretty';
const kept = placeKeptData(env);
if (fresh) {
  if (brokerRuns()) {
    process.stderr.write(`a broker runs from ${brokerDir}: stop it before --fresh\n`);
    process.exit(1);
  }
  for (const dir of kept) fs.rmSync(dir, { recursive: true, force: true });
  say('--fresh: deleted the kept broker data, auditor store and gateway state');
}
const brokers = process.env.KAFKA_BROKERS || startBroker();
env.KAFKA_BROKERS = brokers;
// Replicated like the cluster's own topics (3 copies, min.insync.replicas 2 on three nodes).
if (nodes > 1 && !env.ONWARD_REPLICATION_FACTOR)
  env.ONWARD_REPLICATION_FACTOR = String(Math.min(nodes, 3));
if (!env.ONWARD_PSEUDONYM_KEY && !env.ONWARD_PSEUDONYM_KEY_FILE) {
  env.ONWARD_PSEUDONYM_KEY_FILE = devPseudonymKeyFile();
}
if (!env.AUDITOR_TOKEN && !env.AUDITOR_TOKEN_FILE) env.AUDITOR_TOKEN_FILE = devAuditorTokenFile();
if (!env.GATEWAY_CHECKPOINT_KEY && !env.GATEWAY_CHECKPOINT_KEY_FILE) {
  const log = devNoteKeyFiles('onward.local/gateway', 0x01, 'checkpoint');
  env.GATEWAY_CHECKPOINT_KEY_FILE = log.secret;
  env.AUDITOR_CHECKPOINT_KEYS =
    env.AUDITOR_CHECKPOINT_KEYS || fs.readFileSync(log.pub, 'utf8').trim();
}
if (!env.AUDITOR_WITNESS_KEY && !env.AUDITOR_WITNESS_KEY_FILE) {
  env.AUDITOR_WITNESS_KEY_FILE = devNoteKeyFiles('onward.local/auditor', 0x04, 'witness').secret;
}
say(`Kafka at ${brokers}`);
if (secure && ownBroker) {
  // Secured mode: provision the principals and their ACLs as the broker's administrator, run
  // each app as its own principal, and keep partner read access in step with recipient status.
  const adminEnv = { ...env, ...readEnvFile(path.join(brokerDir, 'secure/admin.env')) };
  const secrets = path.join(brokerDir, 'secure/principals');
  const cli = 'dist/apps/cli/src/main.js';
  execFileSync(
    process.execPath,
    [path.join(root, cli), 'access', 'provision', '--secrets-dir', secrets],
    {
      env: adminEnv,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  startApp('gateway', { ...env, ...readEnvFile(path.join(secrets, 'onward-gateway.env')) });
  startApp('auditor', { ...env, ...readEnvFile(path.join(secrets, 'onward-auditor.env')) });
  startApp('access-sync', adminEnv, cli, ['access', 'sync', '--follow']);
  say(
    `secured broker: SASL/SCRAM-SHA-512, ACLs on; principals' settings in ${path.relative(root, secrets)}`,
  );
} else {
  startApp('gateway', env);
  startApp('auditor', env);
}
const gatewayPort = env.GATEWAY_HTTP_PORT || '8080';
const auditorPort = env.AUDITOR_HTTP_PORT || '8081';
say(`gateway health: http://127.0.0.1:${gatewayPort}/health`);
say(`auditor health: http://127.0.0.1:${auditorPort}/health`);
say(
  `compliance page: http://127.0.0.1:${auditorPort}/ui (token in ${path.relative(root, env.AUDITOR_TOKEN_FILE || '') || 'AUDITOR_TOKEN'})`,
);
say(`Ctrl-C stops the gateway, the auditor and the ${nodes > 1 ? 'cluster' : 'broker'}`);
