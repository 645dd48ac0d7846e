import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In dev mode the app talks to a running control plane through this proxy, so it stays
// same-origin exactly as when the control plane serves the built app.
const controlPlane = process.env.INFLOW_CONTROL_PLANE ?? 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': controlPlane,
      '/socket.io': { target: controlPlane, ws: true },
    },
  },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
});
