/**
 * A private, throwaway redis-server for the tests: on 127.0.0.1 at a port the OS picks, nothing written to disk,
 * stopped by the test that started it. A missing redis-server is an error, never a reason to skip: CI installs it.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

const HOST = '127.0.0.1';
const READY_WITHIN_MS = 10_000;

export interface RedisServer {
  port: number;
  stop(): Promise<void>;
}

/** Starts one, at `port` if given (to restart a stopped one where its clients expect it). */
export async function startRedisServer(port?: number): Promise<RedisServer> {
  port ??= await freePort();
  const args = ['--port', String(port), '--bind', HOST, '--save', '', '--appendonly', 'no', '--dir', tmpdir()];
  const server = spawn('redis-server', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  server.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const exited = once(server, 'exit');
  const failed = new Promise<never>((_, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new Error(
              'redis-server is not installed: the Redis nonce store tests need a real one (Debian: apt-get install redis-server)',
            )
          : error,
      );
    });
    void exited.then(([code]) => reject(new Error(`redis-server exited with ${code} before it answered: ${stderr}`)));
  });
  // Settled either way below; without this, a late rejection after a successful start would be unhandled.
  failed.catch(() => {});
  await Promise.race([untilPong(port), failed]);
  return {
    port,
    async stop() {
      if (server.exitCode === null) {
        server.kill('SIGTERM');
        await exited;
      }
    },
  };
}

/** A port that was free a moment ago (the OS picks it; redis-server takes it right after). */
async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, HOST);
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  await once(probe, 'close');
  return port;
}

async function untilPong(port: number): Promise<void> {
  const deadline = Date.now() + READY_WITHIN_MS;
  while (!(await answersPing(port))) {
    if (Date.now() > deadline) throw new Error(`redis-server did not answer PING on ${HOST}:${port} within ${READY_WITHIN_MS} ms`);
    await sleep(50);
  }
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, HOST, () => socket.write('PING\r\n'));
    socket.setTimeout(1000, () => socket.destroy());
    socket.once('data', (reply) => {
      socket.destroy();
      resolve(reply.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('close', () => resolve(false));
  });
}
