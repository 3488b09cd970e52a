import { Button, TableCell, TableHeaderCell, TableRow } from '@fluentui/react-components';
import { CheckmarkRegular } from '@fluentui/react-icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Task } from '../../../shared/schemas';
import type { PageOf } from '../../api/endpoints';
import { Page } from '../../app/Page';
import { useEndpoints, useTimeZone } from '../../app/services';
import { PagedTable } from '../../components/PagedTable';
import { useCursorPages } from '../../components/Pager';
import { ResultBar, type Result } from '../../components/ResultBar';
import { RouterLink } from '../../components/RouterLink';
import { errorText, formatDateTime } from '../../format';
import { useTasksScreenStyles } from './TasksScreen.styles';

/** C5: the signed-in user's open tasks; **Complete** moves the enrollment to its next step. */
export default function TasksScreen() {
  const styles = useTasksScreenStyles();
  const api = useEndpoints();
  const timeZone = useTimeZone();
  const client = useQueryClient();
  const pages = useCursorPages();
  const [result, setResult] = useState<Result | null>(null);
  const key = ['tasks', pages.cursor];
  const query = useQuery({
    queryKey: key,
    queryFn: () => api.tasks({ cursor: pages.cursor, limit: 25 }),
    placeholderData: keepPreviousData,
  });
  const complete = useMutation({
    mutationFn: (task: Task) => api.completeTask(task.id),
    onMutate: async (task) => {
      await client.cancelQueries({ queryKey: key });
      const before = client.getQueryData<PageOf<Task>>(key);
      client.setQueryData<PageOf<Task>>(
        key,
        (page) => page && { ...page, items: page.items.filter((t) => t.id !== task.id) },
      );
      return { before };
    },
    onError: (error, task, context) => {
      client.setQueryData(key, context?.before);
      setResult({
        intent: 'error',
        text: `“${task.title}” was not completed: ${errorText(error)}`,
        key: Date.now(),
      });
    },
    onSuccess: (_, task) => {
      setResult({
        intent: 'success',
        text: `“${task.title}” is done; ${task.sequence.name} moves on for ${task.contact.name}.`,
        key: Date.now(),
      });
      void client.invalidateQueries({ queryKey: ['tasks'] });
      void client.invalidateQueries({ queryKey: ['scheduled'] });
    },
  });
  return (
    <Page title="Tasks">
      <div className={styles.panel}>
        <ResultBar result={result} onDismiss={() => setResult(null)} />
        <PagedTable
          label="Open tasks"
          query={query}
          pages={pages}
          loadingLabel="Loading tasks"
          errorTitle="Your tasks could not be loaded"
          empty={{
            title: 'No open tasks',
            text: 'Task steps of your sequences create tasks here; complete them to move each sequence on.',
          }}
          header={
            <>
              <TableHeaderCell>Task</TableHeaderCell>
              <TableHeaderCell>Contact</TableHeaderCell>
              <TableHeaderCell>Sequence</TableHeaderCell>
              <TableHeaderCell>Due</TableHeaderCell>
              <TableHeaderCell>
                <span className="visually-hidden">Actions</span>
              </TableHeaderCell>
            </>
          }
          row={(task) => (
            <TableRow key={task.id}>
              <TableCell>{task.title}</TableCell>
              <TableCell>
                <RouterLink to={`/contacts/${task.contact.id}`}>
                  {task.contact.name || task.contact.email}
                </RouterLink>
              </TableCell>
              <TableCell>
                <RouterLink to={`/sequences/${task.sequence.id}`}>{task.sequence.name}</RouterLink>
              </TableCell>
              <TableCell>{formatDateTime(task.dueAt, timeZone)}</TableCell>
              <TableCell>
                <Button
                  size="small"
                  icon={<CheckmarkRegular />}
                  aria-label={`Complete ${task.title}`}
                  onClick={() => complete.mutate(task)}
                >
                  Complete
                </Button>
              </TableCell>
            </TableRow>
          )}
        />
      </div>
    </Page>
  );
}
