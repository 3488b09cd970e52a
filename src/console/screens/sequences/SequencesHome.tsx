import { Tab, TabList } from '@fluentui/react-components';
import { useSearchParams } from 'react-router';
import { Page } from '../../app/Page';
import { NewSequenceButton } from '../../authoring/screens/NewSequenceButton';
import { ManageTab } from './ManageTab';
import { ScheduledTab } from './ScheduledTab';

/** C2: the sequences home, tabs **Manage** and **Scheduled** (the tab is in the address: ?tab=scheduled). */
export default function SequencesHome() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'scheduled' ? 'scheduled' : 'manage';
  return (
    <Page
      title={tab === 'scheduled' ? 'Scheduled steps' : 'Sequences'}
      heading="Sequences"
      actions={tab === 'manage' ? <NewSequenceButton /> : undefined}
    >
      <TabList
        selectedValue={tab}
        onTabSelect={(_, data) =>
          setParams(data.value === 'scheduled' ? { tab: 'scheduled' } : {}, { replace: true })
        }
      >
        <Tab value="manage">Manage</Tab>
        <Tab value="scheduled">Scheduled</Tab>
      </TabList>
      <div role="tabpanel" aria-label={tab === 'scheduled' ? 'Scheduled' : 'Manage'}>
        {tab === 'scheduled' ? <ScheduledTab /> : <ManageTab />}
      </div>
    </Page>
  );
}
