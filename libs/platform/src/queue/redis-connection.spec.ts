import { Logger } from '@nestjs/common';
import IORedis from 'ioredis';
import { watchErrors } from './redis-connection';

describe('watchErrors (every client createRedis makes)', () => {
  it("logs a client's own errors as one warning per message, not ioredis' unhandled-error stack", () => {
    const printed = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const client = new IORedis({ lazyConnect: true });
    try {
      watchErrors(client);
      // a paused Redis: the ready check times out on every reconnect, then it comes back, then it fails again
      client.emit('error', new Error('Command timed out'));
      client.emit('error', new Error('Command timed out'));
      client.emit('error', new Error('connect ECONNREFUSED 127.0.0.1:6379'));
      client.emit('ready');
      client.emit('error', new Error('Command timed out'));
      expect(printed).not.toHaveBeenCalled();
      expect(warned.mock.calls.map((c) => String(c[0]).replace(/^.*: /, ''))).toEqual([
        'Command timed out',
        'connect ECONNREFUSED 127.0.0.1:6379',
        'Command timed out',
      ]);
    } finally {
      client.disconnect();
      printed.mockRestore();
      warned.mockRestore();
    }
  });
});
