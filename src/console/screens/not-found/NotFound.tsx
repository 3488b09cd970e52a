import { Page } from '../../app/Page';
import { RouterLink } from '../../components/RouterLink';

export default function NotFound() {
  return (
    <Page title="Page not found">
      <p>
        There is nothing at this address. Go to <RouterLink to="/sequences">Sequences</RouterLink>.
      </p>
    </Page>
  );
}
