import { useState } from 'react';
import type { FormEvent } from 'react';
import { sendJson } from '../api/client.js';
import type { Draft, Prospect, ProspectStatus } from '../api/types.js';

/**
 * The moves the server allows (PROSPECT_TRANSITIONS in src/prospect/prospect-status.ts; the web
 * bundle takes no code from the server, so this is a copy, checked against it by the e2e test).
 * The server stays the judge: a move offered here from a status that changed meanwhile is refused
 * with a 400, and its message is shown.
 */
export const TRANSITIONS: Readonly<Record<ProspectStatus, readonly ProspectStatus[]>> = {
  new: ['qualified', 'contacted', 'won', 'declined', 'lost'],
  qualified: ['contacted', 'won', 'declined', 'lost'],
  contacted: ['replied', 'won', 'declined', 'lost'],
  replied: ['won', 'declined', 'lost'],
  won: ['lost'],
  declined: ['qualified'],
  lost: ['qualified'],
};

export const STATUSES = Object.keys(TRANSITIONS) as ProspectStatus[];

function allowedMoves(status: string): readonly ProspectStatus[] {
  return (TRANSITIONS as Record<string, readonly ProspectStatus[] | undefined>)[status] ?? [];
}

function splitTags(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).map((t) => t.trim()).filter(Boolean))];
}

type Message = { text: string; error: boolean } | null;

/** One prospect's pipeline work: move it along, set its follow-up and tags, keep notes, draft the email. */
export function ProspectPanel({ prospect, onChanged }: { prospect: Prospect; onChanged: () => void }) {
  const id = prospect.id;
  const moves = allowedMoves(prospect.status);
  const [to, setTo] = useState<string>('');
  const [followUp, setFollowUp] = useState(prospect.followUp ?? '');
  const [tags, setTags] = useState(prospect.tags.join(' '));
  const [noteText, setNoteText] = useState('');
  const [sender, setSender] = useState('');
  const [yourUrl, setYourUrl] = useState('');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const chosen = moves.includes(to as ProspectStatus) ? to : (moves[0] ?? '');

  // Every change reloads the list, after a refusal too: the refusal may mean the list is stale.
  const act = async (done: string, run: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    try {
      await run();
      setMessage({ text: done, error: false });
      return true;
    } catch (err) {
      setMessage({ text: (err as Error).message, error: true });
      return false;
    } finally {
      setBusy(false);
      onChanged();
    }
  };
  const move = (e: FormEvent): void => {
    e.preventDefault();
    if (chosen) void act(`Moved to ${chosen}.`, () => sendJson('POST', `/prospects/${id}`, { status: chosen }));
  };
  const plan = (e: FormEvent): void => {
    e.preventDefault();
    void act('Follow-up and tags saved.', () => sendJson('POST', `/prospects/${id}`, { followUp: followUp === '' ? null : followUp, tags: splitTags(tags) }));
  };
  const addNote = (e: FormEvent): void => {
    e.preventDefault();
    const text = noteText.trim();
    if (text) void act('Note added.', () => sendJson('POST', `/prospects/${id}/notes`, { text })).then((ok) => ok && setNoteText(''));
  };
  const render = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    try {
      setDraft(await sendJson<Draft>('POST', `/prospects/${id}/draft`, { ...(sender.trim() ? { senderName: sender.trim() } : {}), ...(yourUrl.trim() ? { yourUrl: yourUrl.trim() } : {}) }));
      setMessage(null);
    } catch (err) {
      setDraft(null);
      setMessage({ text: (err as Error).message, error: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="prospect-panel" aria-label={`Prospect ${prospect.domain}`} data-panel-id={id}>
      {message ? <p role={message.error ? 'alert' : 'status'} className={message.error ? 'error' : 'note'} data-testid="prospect-message">{message.text}</p> : null}
      <div className="panel-grid">
        <form className="stack" onSubmit={move} aria-label="Status">
          <h3>Status: <span className={`badge status-${prospect.status}`}>{prospect.status}</span></h3>
          {moves.length === 0 ? (
            <p className="muted">No move from {prospect.status}.</p>
          ) : (
            <>
              <label htmlFor={`move-${id}`}>Move to</label>
              <select id={`move-${id}`} value={chosen} onChange={(e) => setTo(e.target.value)}>
                {moves.map((s) => <option key={s} value={s}>{s}</option>)}
              </select>
              <button type="submit" disabled={busy}>Change status</button>
            </>
          )}
        </form>
        <form className="stack" onSubmit={plan} aria-label="Follow-up and tags">
          <h3>Follow-up and tags</h3>
          <label htmlFor={`follow-${id}`}>Follow up on</label>
          <input id={`follow-${id}`} type="date" value={followUp} onChange={(e) => setFollowUp(e.target.value)} />
          <label htmlFor={`tags-${id}`}>Tags (space or comma separated)</label>
          <input id={`tags-${id}`} type="text" value={tags} onChange={(e) => setTags(e.target.value)} />
          <button type="submit" className="ghost" disabled={busy}>Save follow-up and tags</button>
        </form>
        <div className="stack">
          <h3>Notes</h3>
          {prospect.notes.length === 0 ? <p className="muted">No note yet.</p> : (
            <ol className="notes" data-testid="prospect-notes">
              {prospect.notes.map((n) => (
                <li key={n.id}><time dateTime={n.createdAt} className="muted">{n.createdAt.replace('T', ' ').slice(0, 16)}</time> {n.text}</li>
              ))}
            </ol>
          )}
          <form className="stack" onSubmit={addNote}>
            <label htmlFor={`note-${id}`}>Add a note</label>
            <textarea id={`note-${id}`} rows={3} value={noteText} onChange={(e) => setNoteText(e.target.value)} />
            <button type="submit" className="ghost" disabled={busy || noteText.trim() === ''}>Add note</button>
          </form>
        </div>
        <form className="stack" onSubmit={(e) => void render(e)} aria-label="Outreach draft">
          <h3>Outreach email</h3>
          <label htmlFor={`sender-${id}`}>Your name</label>
          <input id={`sender-${id}`} type="text" autoComplete="name" value={sender} onChange={(e) => setSender(e.target.value)} />
          <label htmlFor={`url-${id}`}>Your URL (default: the target)</label>
          <input id={`url-${id}`} type="url" inputMode="url" value={yourUrl} onChange={(e) => setYourUrl(e.target.value)} />
          <button type="submit" className="ghost" disabled={busy}>Render draft</button>
          <p className="muted small-print">The dashboard never sends mail: send with <code>vouch outreach draft {id} --send</code>.</p>
        </form>
      </div>
      {draft ? (
        <div className="draft" data-testid="prospect-draft" aria-label="Rendered draft" role="group">
          <p><strong>To:</strong> {draft.to ?? <span className="muted">no address found on the site</span>}</p>
          <p><strong>Subject:</strong> {draft.subject}</p>
          <pre>{draft.text ?? draft.html ?? ''}</pre>
        </div>
      ) : null}
    </section>
  );
}
