import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The entry only starts the first API calls and then imports the app (boot.tsx): preload that chunk
 * and its styles from index.html, so the browser fetches them alongside the entry, not after it.
 */
function preloadBoot(): Plugin {
  return {
    name: 'vouch-preload-boot',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const boot = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.facadeModuleId?.endsWith('/src/boot.tsx'));
        if (!boot || boot.type !== 'chunk') return [];
        const css = [...(boot.viteMetadata?.importedCss ?? [])];
        return [
          { tag: 'link', attrs: { rel: 'modulepreload', crossorigin: '', href: `/${boot.fileName}` }, injectTo: 'head' },
          ...boot.imports.map((f) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: '', href: `/${f}` }, injectTo: 'head' as const })),
          ...css.map((f) => ({ tag: 'link', attrs: { rel: 'stylesheet', crossorigin: '', href: `/${f}` }, injectTo: 'head' as const })),
        ];
      },
    },
  };
}

/** The dashboard: built to web/dist, served by `vouch serve` at `/` next to the API. */
export default defineConfig({
  root,
  base: '/',
  plugins: [react(), preloadBoot()],
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
