import type { ServerOptions, UserConfig } from 'vite';

export declare function kassaViteConfig(options: { server: ServerOptions }): UserConfig;
