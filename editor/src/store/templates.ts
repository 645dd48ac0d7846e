import adCounter from '../../../examples/ad-counter.json?raw';
import leaderboard from '../../../examples/leaderboard.json?raw';

export interface Template {
  id: string;
  label: string;
  /** The example file's text, read through the same import path as a user's file. */
  text: string;
}

export const TEMPLATES: readonly Template[] = [
  { id: 'ad-counter', label: 'Ad counter', text: adCounter },
  { id: 'leaderboard', label: 'Leaderboard', text: leaderboard },
];
