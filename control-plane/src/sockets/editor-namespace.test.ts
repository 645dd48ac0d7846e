import { MAX_DELTA_MESSAGE_BYTES } from '@inflow/shared-core';
import type { Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import {
  connected,
  refused,
  serverWithSockets,
  startTestServer,
  withAdminToken,
  within,
} from '../testing/test-server.js';

const suite = serverWithSockets();

function editor(auth: Record<string, unknown>): Socket {
  const socket = suite.open('/editor', auth);
  return socket;
}

describe('/editor namespace', () => {
  it('when the admin token is given in auth, then the editor connects', async () => {
    const socket = editor({ token: suite.server.adminToken });
    await connected(socket);
    expect(socket.connected).toBe(true);
  });

  it('when the token is wrong or missing, then the handshake is refused with 401', async () => {
    for (const auth of [{ token: 'wrong-wrong-wrong' }, {}, { token: 7 }]) {
      const err = await refused(editor(auth));
      expect(err.message).toBe('the editor socket needs the admin token in auth.token');
      expect(err.data).toEqual({ status: 401 });
    }
  });

  it('when an unknown deployment is watched, then the reply names it', async () => {
    const socket = editor({ token: suite.server.adminToken });
    await connected(socket);
    const reply = await within(socket.emitWithAck('watch', 'dep_1'), 5000, 'the reply');
    expect(reply).toEqual({ ok: false, error: 'no running deployment with id "dep_1"' });
  });

  it('when watch gets a malformed payload, then it replies with an error and stays up', async () => {
    const socket = editor({ token: suite.server.adminToken });
    await connected(socket);
    const reply = await within(socket.emitWithAck('watch', { $ne: 1 }), 5000, 'the reply');
    expect(reply).toEqual({
      ok: false,
      error: 'watch needs a deployment id (a non-empty string)',
    });
    socket.emit('watch', 'no-ack-given');
    socket.emit('unwatch', 42);
    const again = await within(socket.emitWithAck('watch', 'x'), 5000, 'the second reply');
    expect(again).toMatchObject({ ok: false });
    expect(socket.connected).toBe(true);
  });
});

describe('socket message size', () => {
  it('when a message is over the limit, then that connection is closed and the server stays up', async () => {
    const small = await startTestServer({ ...withAdminToken, bodyLimitBytes: 4096 });
    try {
      const socket = suite.open('/editor', { token: small.adminToken }, small.url);
      await connected(socket);
      // Over the body limit but within a replication message: the floor keeps agents connected.
      const answer = await socket.emitWithAck('watch', 'x'.repeat(8192));
      expect(answer).toMatchObject({ ok: false });
      expect(socket.connected).toBe(true);
      const gone = new Promise((resolve) => socket.on('disconnect', resolve));
      socket.emit('watch', 'x'.repeat(MAX_DELTA_MESSAGE_BYTES + 128 * 1024), () => {});
      expect(await within(gone, 5000, 'the disconnect')).toBe('transport close');
      expect((await fetch(`${small.url}/healthz`)).status).toBe(200);
      const again = suite.open('/editor', { token: small.adminToken }, small.url);
      await connected(again);
      const reply = await within(again.emitWithAck('watch', 'small'), 5000, 'the reply');
      expect(reply).toMatchObject({ ok: false });
    } finally {
      await small.dispose();
    }
  });
});
