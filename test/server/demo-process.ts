/** The demo server (`node demo/server.mjs`) and the server examples as real processes on 127.0.0.1, at ports the OS picks. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface DemoProcess {
  origin: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startDemo(env: Record<string, string>): Promise<DemoProcess> {
  return startServerScript('demo/server.mjs', env);
}

/**
 * A server script of the repository (`demo/server.mjs`, an example of demo/examples/server/) as a real process
 * listening on 127.0.0.1 at a port the OS picks; resolves once it prints its address, rejects if it exits first.
 */
export async function startServerScript(script: string, env: Record<string, string>): Promise<DemoProcess> {
  const child = spawn(process.execPath, [script], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
  const origin = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      const match = /http:\/\/(127\.0\.0\.1:\d+)\//.exec(output);
      if (match) resolve(`http://${match[1]}`);
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}: ${output}`)));
  });
  return {
    origin,
    process: child,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

export interface RawReply {
  status: number;
  body: string;
}

/** One HTTP request with anything in it: method, path, headers and body as given, no client-side checks. */
export function rawRequest(origin: string, options: { method: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<RawReply> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const outgoing = request({ hostname, port, method: options.method, path: options.path, headers: options.headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.setTimeout(30_000, () => outgoing.destroy(new Error('no answer within 30 s')));
    outgoing.end(options.body);
  });
}

/**
 * The status line's code of the answer to one request written byte for byte on a fresh connection (with a
 * Content-Length, and `Connection: close`): what any client, well-behaved or not, would get back.
 */
export async function rawStatus(origin: string, options: RawRequestOptions): Promise<number> {
  return (await rawAnswer(origin, options)).status;
}

interface RawRequestOptions {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /**
   * The Content-Length to declare when more than `body` is announced than sent: for a server that refuses a body
   * over its limit from the declared length, before reading it (and may then reset the connection).
   */
  declaredLength?: number;
}

/**
 * The answer to one request written as {@link rawStatus} writes it, taken as soon as it is complete (a server may
 * answer a body it refuses before reading it, and keep the connection or reset it).
 */
export function rawAnswer(origin: string, { method, path, headers = {}, body = '', declaredLength }: RawRequestOptions): Promise<RawReply> {
  const { hostname, port } = new URL(origin);
  const payload = Buffer.from(body);
  const head = [`${method} ${path} HTTP/1.1`, `Host: ${hostname}:${port}`, 'Connection: close', `Content-Length: ${declaredLength ?? payload.length}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let answer = '';
    const settle = (error?: Error) => {
      const reply = parseAnswer(answer, error !== undefined || socket.destroyed);
      if (reply) resolve(reply);
      else if (error || socket.destroyed) reject(error ?? new Error(`not an HTTP answer: ${JSON.stringify(answer.slice(0, 80))}`));
      if (reply) socket.destroy();
    };
    socket.setTimeout(30_000, () => socket.destroy(new Error('no answer within 30 s')));
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      settle();
    });
    socket.on('error', settle);
    socket.on('close', () => settle());
    // Written, not ended: a half-closed connection may be dropped before the answer; Connection: close ends it.
    socket.write(Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), payload]));
  });
}

/**
 * A raw HTTP/1.1 answer once it is whole (its Content-Length reached, its last chunk read, or the connection
 * closed), else null.
 */
function parseAnswer(answer: string, closed: boolean): RawReply | null {
  const status = /^HTTP\/1\.1 (\d{3}) /.exec(answer);
  const split = answer.indexOf('\r\n\r\n');
  if (!status || split < 0) return null;
  const [head, rest] = [answer.slice(0, split), answer.slice(split + 4)];
  const reply = (body: string) => ({ status: Number(status[1]), body: Buffer.from(body, 'latin1').toString('utf8') });
  const length = /^content-length:\s*(\d+)/im.exec(head);
  if (length) return rest.length >= Number(length[1]) ? reply(rest.slice(0, Number(length[1]))) : closed ? reply(rest) : null;
  if (!/^transfer-encoding:\s*chunked/im.test(head)) return closed ? reply(rest) : null;
  let body = '';
  for (let at = 0; ; ) {
    const end = rest.indexOf('\r\n', at);
    if (end < 0) return closed ? reply(body) : null;
    const size = parseInt(rest.slice(at, end), 16);
    if (size === 0) return reply(body);
    if (!(size > 0) || rest.length < end + 2 + size) return closed ? reply(body) : null;
    body += rest.slice(end + 2, end + 2 + size);
    at = end + 2 + size + 2;
  }
}
