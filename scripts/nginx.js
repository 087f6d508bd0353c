// nginx in front of instances of the product, configured by docker/nginx.conf (the file production
// uses) with this machine's upstreams and port and its files in a folder of its own: the two-instance
// test and the benchmark's load run across instances. Plain CommonJS for both.
'use strict';

const { spawn } = require('node:child_process');
const { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { adopt, freePort } = require('./child-process');

const NGINX = '/usr/sbin/nginx';
const SHIPPED = join(__dirname, '..', 'docker', 'nginx.conf');

/** docker/nginx.conf with `upstreams` (host:port) for its app servers, listening on 127.0.0.1:`port`, its files in `dir`. */
function nginxConfig(dir, port, upstreams) {
  const shipped = readFileSync(SHIPPED, 'utf8');
  const servers = shipped.match(/^\s*server app\d+:3000.*$/gm) ?? [];
  if (servers.length !== upstreams.length)
    throw new Error(`docker/nginx.conf names ${servers.length} app servers, not ${upstreams.length}`);
  let conf = shipped;
  servers.forEach((line, i) => (conf = conf.replace(line, line.replace(/app\d+:3000/, upstreams[i]))));
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${dir}/${t};`).join('\n');
  return [
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/error.log;`,
    conf.replace('listen 80;', `listen 127.0.0.1:${port};`).replace('http {', `http {\n  access_log off;\n${temp}`),
  ].join('\n');
}

/** Starts nginx before `urls` (http://host:port); resolves with its address once it answers, and a stop. */
async function startProxy(urls) {
  const dir = mkdtempSync(join(tmpdir(), 'hcp-nginx-'));
  // nginx's workers (nobody, when started as root) buffer large bodies in files here.
  chmodSync(dir, 0o777);
  const port = await freePort();
  writeFileSync(
    join(dir, 'nginx.conf'),
    nginxConfig(
      dir,
      port,
      urls.map((u) => u.replace(/^http:\/\//, '')),
    ),
  );
  const child = adopt(spawn(NGINX, ['-c', join(dir, 'nginx.conf'), '-p', dir, '-g', 'daemon off;'], { stdio: 'inherit' }));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const up = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (i > 240 || child.exitCode !== null) throw new Error(`nginx did not answer on ${url}: see ${dir}/error.log`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve(rmSync(dir, { recursive: true, force: true }));
      child.once('exit', () => resolve(rmSync(dir, { recursive: true, force: true })));
      child.kill('SIGQUIT');
    });
  return { url, stop };
}

module.exports = { nginxConfig, startProxy };
