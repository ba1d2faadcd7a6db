import helmet from "@fastify/helmet";
import type { FastifyInstance } from "fastify";

/**
 * Security headers for everything we serve. The CSP allows only our own files: no inline
 * script, no eval, no framing (clickjacking). Styles are 'self' too; React's `style` props are
 * set through the DOM and are not affected. HSTS and upgrade-insecure-requests are off because
 * the BFF serves plain http on loopback; a TLS-terminating proxy in front should add HSTS.
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    hsts: false,
  });
}
