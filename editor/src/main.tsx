import '@xyflow/react/dist/style.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/canvas.css';
import './styles/inspector.css';
import './styles/panels.css';
import './styles/menu.css';
import './styles/context-menu.css';
import './live/live.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { LiveStoreProvider } from './live/live-context';
import { LIVE_EXTENSIONS } from './live/live-extensions';
import { browserLiveDeps, createLiveStore } from './live/live-store';
import { browserDeps, createEditorStore } from './store/editor-store';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

const editor = createEditorStore(browserDeps());
const live = createLiveStore(browserLiveDeps(editor));

createRoot(root).render(
  <StrictMode>
    <LiveStoreProvider store={live}>
      <App store={editor} extensions={LIVE_EXTENSIONS} />
    </LiveStoreProvider>
  </StrictMode>,
);
