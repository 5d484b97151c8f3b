"""Background work for imports, run by the task worker (``lindung jobs worker``, see scripts/serve)."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from lindung.core.models import Job
from lindung.core.services import job_progress, job_start

from .models import ImportBatch
from .run import import_run


@task()
def import_batch_task(batch_id: int) -> dict:
    """Run a queued import and keep its Job's progress up to date for the page that polls it."""
    batch = ImportBatch.objects.select_related("uploaded_by", "programme", "job").get(pk=batch_id)
    job = batch.job
    steps = 1000
    if job is not None:
        job_start(job)

    def progress(fraction: float, text: str) -> None:
        if job is not None:
            job_progress(job, done=int(fraction * steps), total=steps, message=text)

    try:
        import_run(batch=batch, actor=batch.uploaded_by, progress=progress)
    finally:
        if job is not None:
            batch.refresh_from_db()
            failed = batch.status in {ImportBatch.Status.FAILED, ImportBatch.Status.REFUSED}
            Job.objects.filter(pk=job.pk).update(
                status=Job.Status.FAILED if failed else Job.Status.DONE,
                progress_done=steps,
                progress_total=steps,
                message=batch.message[:255],
                result={"batch": batch.pk, "status": batch.status},
                updated_at=timezone.now(),
            )
    return {"batch": batch.pk, "status": batch.status, "rows": batch.rows_total}
