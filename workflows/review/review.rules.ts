/** Reviewers are assigned, and sheets saved, only while the application is in document review. */
export function acceptsReviewWork(applicationStatus: string): boolean {
  return applicationStatus === 'documentReview'
}
