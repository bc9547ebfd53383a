import { existsSync } from 'node:fs';
import path from 'node:path';
import express from 'express';

/** Serves the built console at /console with an SPA fallback, or says how to build it. */
export function consoleRoutes(distDir: string): express.Router {
  const router = express.Router();
  router.use('/console', (req, res, next) => {
    if (!existsSync(path.join(distDir, 'index.html'))) {
      res
        .status(503)
        .type('html')
        .send('<h1>Cairn console</h1><p>console not built: run npm run build -w console</p>');
      return;
    }
    next();
  });
  router.use('/console', express.static(distDir, { index: 'index.html' }));
  // Client-side routes get the app; a missing asset (it has an extension) stays a 404.
  router.get('/console/{*rest}', (req, res, next) => {
    if (path.extname(req.path) !== '') return next();
    res.sendFile(path.join(distDir, 'index.html'));
  });
  return router;
}
