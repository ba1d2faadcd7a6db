import { inspect } from "node:util";

const REDACTED = "[redacted]";

/**
 * The DigiCert key, boxed so that no generic path can print it: `JSON.stringify`, string
 * templates, `util.inspect` and pino all see "[redacted]". Only the DigiCert client calls
 * `reveal()`, to set the one header that carries it.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}
