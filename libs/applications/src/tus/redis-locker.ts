import type IORedis from 'ioredis';
import { LeaseLockerOptions, LeaseTusLocker } from './lease-locker';

export type { TusLock, TusLocker } from './lease-locker';

const RELEASE_IF_MINE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const EXTEND_IF_MINE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;

export interface RedisLockerOptions extends LeaseLockerOptions {
  /** Key prefix (the portal's REDIS_PREFIX). */
  prefix: string;
}

/**
 * The tus locker (LeaseTusLocker) on Redis: one key per upload (SET NX PX with a random token, renewed while held,
 * deleted only by its holder), and a pub/sub channel per upload on which a request that wants the lock asks the
 * holder to let go.
 */
export class RedisTusLocker extends LeaseTusLocker {
  private subscriber: IORedis | null = null;

  constructor(
    private readonly redis: IORedis,
    private readonly opts: RedisLockerOptions,
  ) {
    super(opts);
  }

  key(id: string): string {
    return `${this.opts.prefix}:tus-lock:${id}`;
  }

  channel(id: string): string {
    return `${this.opts.prefix}:tus-release:${id}`;
  }

  /** @internal */
  async tryTake(id: string, token: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(this.key(id), token, 'PX', ttlMs, 'NX')) === 'OK';
  }

  /** @internal */
  async renew(id: string, token: string, ttlMs: number): Promise<void> {
    await this.redis.eval(EXTEND_IF_MINE, 1, this.key(id), token, String(ttlMs));
  }

  /** @internal */
  async release(id: string, token: string): Promise<void> {
    await this.redis.eval(RELEASE_IF_MINE, 1, this.key(id), token);
  }

  /** @internal */
  async askRelease(id: string): Promise<void> {
    await this.redis.publish(this.channel(id), 'release');
  }

  async close(): Promise<void> {
    const sub = this.subscriber;
    this.subscriber = null;
    await sub?.quit().catch(() => undefined);
  }

  protected async subscribe(id: string): Promise<void> {
    await this.subscriberConnection().subscribe(this.channel(id));
  }

  protected async unsubscribe(id: string): Promise<void> {
    await this.subscriber?.unsubscribe(this.channel(id)).catch(() => undefined);
  }

  private subscriberConnection(): IORedis {
    if (!this.subscriber) {
      const sub = this.redis.duplicate();
      sub.on('error', () => undefined); // ioredis reconnects by itself
      sub.on('message', (channel: string) => {
        const prefix = `${this.opts.prefix}:tus-release:`;
        if (channel.startsWith(prefix)) this.releaseRequested(channel.slice(prefix.length));
      });
      this.subscriber = sub;
    }
    return this.subscriber;
  }
}
