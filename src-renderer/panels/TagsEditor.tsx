// Tags as chips: Enter adds, × removes; each change is saved at once through setTags.
import { useState, type ReactNode } from 'react';
import type { SampleRecord } from '../../src-shared/sample.js';
import { useServices } from '../app/services.js';

export function TagsEditor({ record }: { record: SampleRecord }): ReactNode {
  const { api, browse } = useServices();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);

  const save = async (tags: string[]): Promise<void> => {
    try {
      browse.getState().replaceRecord(await api.setTags(record.id, [...new Set(tags)]));
      setError(null);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };

  return (
    <div className="tags" data-testid="tags-editor">
      {record.tags.map((tag) => (
        <span key={tag} className="tag" data-testid="tag">
          {tag}
          <button type="button" aria-label={`Remove tag ${tag}`} onClick={() => void save(record.tags.filter((other) => other !== tag))}>×</button>
        </span>
      ))}
      <input
        className="tag-input"
        placeholder="+ tag"
        aria-label="Add tag"
        data-testid="tag-input"
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && draft.trim()) {
            event.preventDefault();
            void save([...record.tags, draft.trim().toLowerCase()]);
            setDraft('');
          }
        }}
      />
      {error && <span className="error">{error}</span>}
    </div>
  );
}
