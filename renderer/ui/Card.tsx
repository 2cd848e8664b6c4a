// Card: a titled surface.
import type { HTMLAttributes, ReactNode } from 'react';

export interface CardProps extends Omit<HTMLAttributes<HTMLElement>, 'title'> {
  title?: ReactNode;
  /** Right side of the title row (actions, a status pill). */
  aside?: ReactNode;
  children?: ReactNode;
}

export function Card({ title, aside, children, className, ...rest }: CardProps) {
  return (
    <section className={`card ${className ?? ''}`} {...rest}>
      {(title !== undefined || aside !== undefined) && (
        <div className="card-title">
          {title !== undefined && <h2>{title}</h2>}
          <span className="grow" />
          {aside}
        </div>
      )}
      {children}
    </section>
  );
}
