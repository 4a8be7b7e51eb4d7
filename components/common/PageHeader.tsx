export function PageHeader({ title, description }: { title: string; description?: string }) {
  return (
    <div className="page-header">
      <h1 className="cds--type-productive-heading-05">{title}</h1>
      {description && <p className="cds--type-body-long-01">{description}</p>}
    </div>
  );
}
