import { Link } from '@remix-run/react'

/** The heading of a page that shows one part of an application at length, with the way back to its page. */
export function SubpageHeading(props: { application: { id: number; organisationName: string }; title: string }) {
  const { id, organisationName } = props.application
  return (
    <>
      <p>
        <Link to={`/admin/applications/${id}`}>{`← #${id} ${organisationName}`}</Link>
      </p>
      <h1>{`${props.title} · ${organisationName}`}</h1>
    </>
  )
}
