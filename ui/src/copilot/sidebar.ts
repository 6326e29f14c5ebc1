/**
 * Sidebar mode's side effects on the host page: while the sidebar is open the page's body
 * gets `margin-right: <width>px` (its previous inline value comes back on close, on
 * switching to floating and on unmount), and the drag handle resizes the sidebar. The
 * display mode and the width are kept in the page's localStorage.
 */
import { useCallback, useEffect, useRef } from 'react';
import { useStore } from '../client/react.js';
import { DISPLAY_MODE_KEY, SIDEBAR_WIDTH_KEY } from './config.js';
import { clampWidth, type CopilotController } from './controller.js';

export function useSidebar(c: CopilotController): { width: number; startDrag: (e: React.MouseEvent) => void } {
  const { open, displayMode, sidebarWidth } = useStore(c.widget, (s) => s);
  const active = open && displayMode === 'sidebar';
  const dragging = useRef(false);

  useEffect(() => {
    try {
      localStorage.setItem(DISPLAY_MODE_KEY, displayMode);
    } catch {
      // no storage: the mode lasts for this page
    }
  }, [displayMode]);

  useEffect(() => {
    if (displayMode !== 'sidebar') return;
    try {
      localStorage.setItem(SIDEBAR_WIDTH_KEY, String(sidebarWidth));
    } catch {
      // no storage: the width lasts for this page
    }
  }, [sidebarWidth, displayMode]);

  // Saved when the sidebar opens, put back by the cleanup.
  useEffect(() => {
    if (!active) return;
    const body = document.body.style;
    const before = { margin: body.marginRight, transition: body.transition };
    body.transition = 'margin-right 0.3s ease-in-out';
    return () => {
      body.marginRight = before.margin;
      body.transition = before.transition;
    };
  }, [active]);

  useEffect(() => {
    if (active) document.body.style.marginRight = `${sidebarWidth}px`;
  }, [active, sidebarWidth]);

  useEffect(() => {
    if (!active) return;
    const body = document.body.style;
    const move = (e: MouseEvent) => {
      if (dragging.current) c.widget.set({ sidebarWidth: clampWidth(window.innerWidth - e.clientX) });
    };
    const stop = () => {
      if (!dragging.current) return;
      dragging.current = false;
      body.userSelect = '';
      body.transition = 'margin-right 0.3s ease-in-out';
    };
    document.addEventListener('mousemove', move);
    document.addEventListener('mouseup', stop);
    window.addEventListener('blur', stop);
    return () => {
      document.removeEventListener('mousemove', move);
      document.removeEventListener('mouseup', stop);
      window.removeEventListener('blur', stop);
      stop();
    };
  }, [active, c]);

  const startDrag = useCallback((e: React.MouseEvent) => {
    e.preventDefault();
    dragging.current = true;
    // The margin follows the pointer at once while dragging.
    document.body.style.userSelect = 'none';
    document.body.style.transition = '';
  }, []);

  return { width: sidebarWidth, startDrag };
}
