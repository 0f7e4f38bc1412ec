import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';

/**
 * The one place passwords are hashed and checked (argon2id). Hashing is the expensive step of registration,
 * invitation acceptance and account creation, so those run it only after every cheap check has passed (token,
 * e-mail, credit code, rate limits); an injectable so tests can count its calls.
 */
@Injectable()
export class PasswordHasher {
  hash(password: string): Promise<string> {
    return hash(password);
  }

  /** False for a wrong password or an unreadable hash. */
  verify(passwordHash: string, password: string): Promise<boolean> {
    return verify(passwordHash, password).catch(() => false);
  }
}
