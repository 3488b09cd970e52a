import { useMemo } from 'react';
import { useServices } from '../../app/services';
import { createAuthoringApi, type AuthoringApi } from '../api';

/** The authoring screens' API, over the console's signed-in client. */
export function useAuthoringApi(): AuthoringApi {
  const { api } = useServices();
  return useMemo(() => createAuthoringApi(api), [api]);
}
