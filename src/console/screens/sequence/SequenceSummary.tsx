import { Tab, TabList } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { Suspense } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { Page } from '../../app/Page';
import { RowsSkeleton, ScreenSkeleton } from '../../app/ScreenSkeleton';
import { useEndpoints } from '../../app/services';
import { ErrorBar } from '../../components/ErrorBar';
import { formatCount } from '../../format';
import { ReasonChart } from './ReasonChart';
import { useSummaryStyles } from './SequenceSummary.styles';
import { sequenceQuery } from './summary-loading';
import { sequenceActions, sequenceTabs } from './tabs';

/** C3: the sequence summary — figures, the unenrollments chart, then its tabs. */
export default function SequenceSummary() {
  const styles = useSummaryStyles();
  const { id = '' } = useParams();
  const api = useEndpoints();
  const [params, setParams] = useSearchParams();
  // Its first tab's code and first page were started by the route's warm-up (app/warm-up.ts).
  const query = useQuery(sequenceQuery(api, id));
  const tab = sequenceTabs.find((t) => t.value === params.get('tab')) ?? sequenceTabs[0];

  if (query.isError) {
    return (
      <Page title="Sequence">
        <ErrorBar
          title="The sequence could not be loaded"
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      </Page>
    );
  }
  if (query.isPending) return <ScreenSkeleton label="Loading the sequence" />;
  const sequence = query.data;
  const p = sequence.performance;
  const figures: [string, number][] = [
    ['Enrolled', p.enrolled],
    ['Active', p.active],
    ['Paused', p.paused],
    ['Unenrolled', p.unenrolled],
    ['Emails sent', p.emailsSent],
    ['Replies', p.replies],
    ['Meetings', p.meetings],
    ['Bounces', p.bounces],
  ];
  return (
    <Page
      title={sequence.name}
      actions={
        sequenceActions.length
          ? sequenceActions.map((Action, i) => <Action key={i} sequence={sequence} />)
          : undefined
      }
    >
      <p className={styles.meta}>
        Owner: {sequence.owner?.name ?? 'unknown'} · {sequence.steps.length} steps
        {sequence.deletedAt ? ' · deleted' : ''}
      </p>
      <div className={styles.overview}>
        <section className={styles.card} aria-labelledby="figures-title">
          <h2 id="figures-title" className={styles.cardTitle}>
            Performance
          </h2>
          <dl className={styles.figures}>
            {figures.map(([label, value]) => (
              <div key={label} className={styles.figure}>
                <dt className={styles.figureLabel}>{label}</dt>
                <dd className={styles.figureValue}>{formatCount(value)}</dd>
              </div>
            ))}
          </dl>
        </section>
        <section className={styles.card} aria-labelledby="chart-title">
          <h2 id="chart-title" className={styles.cardTitle}>
            Unenrollments by reason
          </h2>
          <ReasonChart byReason={p.unenrolledByReason} />
        </section>
      </div>
      <TabList
        selectedValue={tab.value}
        onTabSelect={(_, data) =>
          setParams(data.value === sequenceTabs[0].value ? {} : { tab: String(data.value) }, {
            replace: true,
          })
        }
      >
        {sequenceTabs.map((t) => (
          <Tab key={t.value} value={t.value}>
            {t.label}
          </Tab>
        ))}
      </TabList>
      <div role="tabpanel" aria-label={tab.label} className={styles.panel}>
        <Suspense fallback={<RowsSkeleton label={`Loading ${tab.label}`} />}>
          <tab.Panel sequence={sequence} />
        </Suspense>
      </div>
    </Page>
  );
}
