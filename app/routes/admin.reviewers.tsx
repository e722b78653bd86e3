import { redirect } from '@remix-run/node'

/** The reviewer list became the expert pool (评审专家库); old links and bookmarks land there. */
export function loader() {
  return redirect('/admin/experts', 301)
}
