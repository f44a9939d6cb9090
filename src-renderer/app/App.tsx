// Layout: sidebar | list (or anomalies, or the sound map) | detail + similar, top bar above, status bar below.
import { useEffect, type ReactNode } from 'react';
import { AnomaliesView } from '../panels/AnomaliesView.js';
import { DetailPanel } from '../panels/DetailPanel.js';
import { SampleList } from '../panels/SampleList.js';
import { Sidebar } from '../panels/Sidebar.js';
import { SimilarPanel } from '../panels/SimilarPanel.js';
import { SoundMapView } from '../panels/SoundMapView.js';
import { StatusBar } from '../panels/StatusBar.js';
import { TopBar } from '../panels/TopBar.js';
import { useServices, useSlice } from './services.js';

export function App(): ReactNode {
  const { browse, view } = useServices();
  const currentView = useSlice(view, (state) => state.view);

  useEffect(() => {
    void browse.getState().refresh();
  }, [browse]);

  return (
    <div className="app" data-testid="app" data-view={currentView}>
      <TopBar />
      <Sidebar />
      <main className="centre">{currentView === 'anomalies' ? <AnomaliesView /> : currentView === 'map' ? <SoundMapView /> : <SampleList />}</main>
      <aside className="side">
        <DetailPanel />
        <SimilarPanel />
      </aside>
      <StatusBar />
    </div>
  );
}
