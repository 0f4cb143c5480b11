import type { ProspectKind } from './prospect-defaults.js';
import type { OutreachTemplate } from './render-template.js';

/** The built-in template for each kind of prospect (plain text). Every field they use must have a value. */
export const DEFAULT_TEMPLATES: Readonly<Record<ProspectKind, OutreachTemplate>> = {
  'link-gap': {
    subject: 'A resource for {{site}} readers',
    text: 'Hello,\n\nI noticed {{site}} links to {{competitor}}. We publish {{your_url}}, which your readers may find just as useful.\n\nThanks for reading,\n{{sender_name}}\n',
  },
  'broken-link': {
    subject: 'A dead link on {{page_title}}',
    text: 'Hello,\n\nOn {{page_url}} the link "{{anchor}}" points to {{dead_url}}, which no longer works. {{your_url}} covers the same ground, if you need a replacement.\n\nBest,\n{{sender_name}}\n',
  },
  'competitor-lost': {
    subject: 'About {{page_title}}',
    text: 'Hello,\n\nI saw that {{page_url}} no longer links to {{competitor_url}}. If you are looking for an alternative, {{your_url}} may fit.\n\nBest,\n{{sender_name}}\n',
  },
  'unlinked-mention': {
    subject: 'Thanks for mentioning {{your_site}}',
    text: 'Hello,\n\nThank you for mentioning {{your_site}} on {{page_url}}. Would you consider linking the mention to {{your_url}}, so that readers can find us?\n\nThanks,\n{{sender_name}}\n',
  },
  'resource-page': {
    subject: 'A suggestion for {{page_title}}',
    text: 'Hello,\n\nYour list at {{page_url}} is a great resource. {{your_url}} might be a good addition to it.\n\nThank you,\n{{sender_name}}\n',
  },
};
