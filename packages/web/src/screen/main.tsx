// Entry of the big screens (screen.html → /screen/city, /screen/town/:code): its own bundle, without the
// admin app or Ant Design, so that a meeting-room PC loads only what the wall needs.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './screen.css';
import { ScreenApp } from './ScreenApp.tsx';

createRoot(document.getElementById('screen-root')!).render(
  <StrictMode>
    <ScreenApp />
  </StrictMode>,
);
