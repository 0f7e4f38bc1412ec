import { Injectable } from '@nestjs/common';
import { PersonalDataCipher } from '@portal/platform';
import {
  mapPersonalData,
  maskPersonalData,
  PersonalDataPath,
  personalDataPaths,
  ProgramDefinition,
} from '@portal/programs';

type Payload = Record<string, unknown>;

/**
 * The personal data in application payloads (fields declared with IdNumberField / PhoneField in a program's DTO):
 * sealed before a payload is written, opened for the owner, the officers and the submit checks, masked for anyone
 * else. A sealed value found anywhere else in a masked payload is blanked, so no ciphertext leaves either.
 */
@Injectable()
export class ApplicationPersonalData {
  private readonly cache = new Map<string, PersonalDataPath[]>();
  constructor(private readonly cipher: PersonalDataCipher) {}

  paths(def: ProgramDefinition, track: string | null): PersonalDataPath[] {
    const key = `${def.code}/${track ?? ''}`;
    let paths = this.cache.get(key);
    if (!paths) {
      paths = personalDataPaths(def.payloadDto(track));
      this.cache.set(key, paths);
    }
    return paths;
  }

  seal(def: ProgramDefinition, track: string | null, payload: Payload): Payload {
    return mapPersonalData(payload, this.paths(def, track), (v) => this.cipher.seal(v));
  }

  open(def: ProgramDefinition, track: string | null, payload: Payload): Payload {
    return mapPersonalData(payload ?? {}, this.paths(def, track), (v) => this.cipher.open(v));
  }

  mask(def: ProgramDefinition, track: string | null, payload: Payload): Payload {
    const masked = mapPersonalData(payload ?? {}, this.paths(def, track), (v, kind) =>
      maskPersonalData(this.cipher.open(v), kind),
    );
    return blankSealed(masked) as Payload;
  }
}

function blankSealed(node: unknown): unknown {
  if (PersonalDataCipher.isSealed(node)) return '***';
  if (Array.isArray(node)) return node.map(blankSealed);
  if (node !== null && typeof node === 'object')
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, blankSealed(v)]));
  return node;
}
