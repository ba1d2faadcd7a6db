import helmet from "@fastify/helmet";
import type { FastifyInstance } from "fastify";

/**
 * Security headers for everything we serve. The CSP allows only our own files: no inline
 * script, no eval, no framing (clickjacking). Styles are 'self' too; React's `style` props are
 * set through the DOM and are not affected. HSTS only when browsers reach us over https
 * (`tls`: PUBLIC_ORIGIN is https): sent over plain http it would be ignored at best, and on a
 * shared host name it would lock out other plain-http services.
 */
export async function registerSecurityHeaders(
  app: FastifyInstance,
  { tls }: { tls: boolean },
): Promise<void> {
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
    // Same rule as frame-ancestors 'none', for browsers that read only the older header.
    frameguard: { action: "deny" },
    hsts: tls ? { maxAge: 31_536_000, includeSubDomains: false } : false,
  });
}
