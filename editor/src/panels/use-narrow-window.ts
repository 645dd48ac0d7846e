import { useEffect } from 'react';
import type { EditorStore } from '../store/editor-store';
import type { SidePanel } from '../store/ui-slice';

/**
 * Below these widths a panel would leave the canvas too little room, so it folds away (its
 * toggle still brings it back); widening the window shows it again.
 */
export const NARROW: ReadonlyArray<[SidePanel, string]> = [
  ['palette', '(max-width: 1100px)'],
  ['side', '(max-width: 800px)'],
];

export function useNarrowWindow(store: EditorStore): void {
  useEffect(() => {
    const stops = NARROW.map(([panel, query]) => {
      const media = window.matchMedia(query);
      const follow = () => store.getState().setPanelHidden(panel, media.matches);
      if (media.matches) follow();
      media.addEventListener('change', follow);
      return () => media.removeEventListener('change', follow);
    });
    return () => stops.forEach((stop) => stop());
  }, [store]);
}
